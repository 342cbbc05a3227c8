#!/usr/bin/env bash
# What `make test` checks of the Windows and macOS builds from Linux (no
# Windows or Mac needed; the release workflow builds and tests on real ones):
#  1. the Windows-specific Go code vets, and its tests compile (go test -c),
#     cgo-enabled with mingw-w64; the macOS-specific code vets (cgo off);
#  2. a Windows build (scripts/build-windows.sh, with a check version) is a
#     cgo exe with the version resource and manifest, and an installer and a
#     portable ZIP named with that version, the installer within 20 MB;
#  3. the installer script installs per user and checks WebView2 properly;
#  4. the macOS Info.plist / Info.dev.plist values;
#  5. the release workflow passes actionlint (pinned in tools/go.mod).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-platform: $*" >&2; exit 1; }

echo "== Windows: go vet and test binaries (GOOS=windows, cgo with mingw-w64)"
export CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++
GOOS=windows GOARCH=amd64 go vet ./app/... ./backend/... ./cmd/...
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in ./app ./backend ./backend/store ./cmd/icpdesk-cli; do
  GOOS=windows GOARCH=amd64 go test -c -o "$tmp/" "$p"
done
unset CGO_ENABLED CC CXX

echo "== macOS: go vet (GOOS=darwin, cgo off: no macOS C toolchain here)"
# Without cgo go-sqlite3 is a stub lacking its error types, so backend/store
# as a whole cannot type-check for darwin; its platform-specific lock files
# are vetted on their own (they need nothing from the SQLite driver).
for arch in arm64 amd64; do
  CGO_ENABLED=0 GOOS=darwin GOARCH=$arch go vet $(go list ./backend/... | grep -v '/backend/store$')
  (cd backend/store && CGO_ENABLED=0 GOOS=darwin GOARCH=$arch go vet lock.go lock_unix.go lockfile_darwin.go lockfile_ofd.go)
done

echo "== Windows: exe, installer and ZIP with a check version"
version=9.8.7-check
VERSION=v$version scripts/build-windows.sh
git diff --quiet -- wails.json || fail "wails.json was left changed by the build"
exe=build/bin/icpdesk.exe
setup=build/bin/ICPDesk-$version-windows-amd64-setup.exe
zip=build/bin/ICPDesk-$version-windows-amd64-portable.zip
for f in "$exe" "$setup" "$zip"; do [ -s "$f" ] || fail "$f missing"; done
python3 - "$exe" "$setup" "$zip" "$version" <<'PY'
import re, sys, zipfile
exe, setup, zp, version = sys.argv[1:]
numeric = version.split("-")[0]
def fail(msg):
    sys.exit("check-platform: " + msg)
def u16(s):
    return s.encode("utf-16-le")
b = open(exe, "rb").read()
if b[:2] != b"MZ":
    fail(exe + " is not a PE file")
if b"requires cgo to work" in b:
    fail(exe + " was built without cgo (go-sqlite3 is a stub)")
if version.encode() not in b:
    fail(exe + " does not carry the version (-X icpdesk/backend.Version)")
# The version resource (VS_VERSION_INFO) with the product version from git.
if u16("VS_VERSION_INFO") not in b:
    fail(exe + " has no version resource")
m = re.search(re.escape(u16("ProductVersion")) + b"\x00\x00((?:[^\x00]\x00)+)", b)
if not m or m.group(1).decode("utf-16-le") != numeric:
    fail(exe + " ProductVersion is %r, want %r" % (m and m.group(1).decode("utf-16-le"), numeric))
# The application manifest.
m = re.search(rb"<assembly.*?</assembly>", b, re.S)
if not m:
    fail(exe + " has no manifest")
man = m.group(0).decode()
for want in ['version="%s.0"' % numeric, 'level="asInvoker"', "longPathAware", "permonitorv2", "8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a"]:
    if want not in man:
        fail(exe + " manifest lacks " + want)
s = open(setup, "rb").read()
if b"Nullsoft" not in s and b"NullsoftInst" not in s:
    fail(setup + " is not an NSIS installer")
if u16(version) not in s:
    fail(setup + " has no version resource with " + version)
if len(s) > 20 * 1024 * 1024:
    fail("%s is %.1f MB, over 20 MB" % (setup, len(s) / 1048576))
names = zipfile.ZipFile(zp).namelist()
for want in ["ICPDesk-%s-windows-amd64-portable/icpdesk.exe" % version, "ICPDesk-%s-windows-amd64-portable/README.txt" % version]:
    if want not in names:
        fail("%s lacks %s: %s" % (zp, want, names))
print("exe %.1f MB, installer %.1f MB, ZIP %.1f MB" % (len(b) / 1048576, len(s) / 1048576, len(open(zp, "rb").read()) / 1048576))
PY
(cd build/bin && sha256sum -c "ICPDesk-$version-windows-amd64.sha256" >/dev/null) || fail "SHA-256 sums do not match"

echo "== Windows: installer script"
nsi=build/windows/installer/project.nsi
need() { grep -qF -- "$1" "$nsi" || fail "$nsi lacks: $1"; }
need 'RequestExecutionLevel user'
need 'InstallDir "$LOCALAPPDATA\Programs\ICP Desk"'
need '{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
need "ExecWait '\"\$PLUGINSDIR\\MicrosoftEdgeWebview2Setup.exe\" /silent /install' \$1"
need '${If} $1 == "0"'
need '!ifdef WEBVIEW2_INSTALLER'
need 'CreateShortcut "$SMPROGRAMS\$(SHORTCUT).lnk"'
need 'Section "$(SEC_DESKTOP)" SecDesktop'
need 'WriteRegStr HKCU "${UNINST_KEY}"'
grep -q 'HKLM "${UNINST_KEY}"\|SetShellVarContext all\|PROGRAMFILES' "$nsi" && fail "$nsi writes machine-wide"
[ "$(grep -o 'MUI_LANGUAGE "[A-Za-z]*"' "$nsi" | head -2 | tr '\n' ' ')" = 'MUI_LANGUAGE "SimpChinese" MUI_LANGUAGE "English" ' ] || fail "installer languages: SimpChinese first, then English"
[ "$(grep -c 'Evergreen Standalone Installer' "$nsi")" -ge 4 ] || fail "$nsi does not name the Evergreen Standalone Installer in both languages"
grep -q 'RMDir /r "$APPDATA\\ICPDesk"\|Delete "$APPDATA\\ICPDesk' "$nsi" && fail "the uninstaller deletes the workspace"
grep -q 'UN_KEEPS ${LANG_SIMPCHINESE}.*\$APPDATA\\ICPDesk' "$nsi" || fail "the uninstaller does not say where the workspace stays"

echo "== macOS: Info.plist and Info.dev.plist"
python3 - build/darwin/Info.plist build/darwin/Info.dev.plist <<'PY'
import plistlib, re, sys
def load(path):
    s = open(path).read()
    # Wails' template blocks (file associations, protocols) are empty for ICP Desk.
    s = re.sub(r"\{\{if .*?\}\}.*?\{\{end\}\}\s*\{\{end\}\}", "", s, flags=re.S)
    s = re.sub(r"\{\{\.[A-Za-z.]+\}\}", "X", s)
    return plistlib.loads(s.encode())
for path in sys.argv[1:]:
    p = load(path)
    want = {"LSMinimumSystemVersion": "12.0", "CFBundleIdentifier": "cn.icpdesk.app", "CFBundleIconFile": "iconfile",
            "NSHighResolutionCapable": True, "CFBundlePackageType": "APPL", "CFBundleDevelopmentRegion": "zh_CN"}
    for k, v in want.items():
        if p.get(k) != v:
            sys.exit("check-platform: %s: %s is %r, want %r" % (path, k, p.get(k), v))
    dev = p.get("NSAppTransportSecurity", {}).get("NSAllowsLocalNetworking")
    if path.endswith("Info.dev.plist") != bool(dev):
        sys.exit("check-platform: %s: NSAllowsLocalNetworking %r" % (path, dev))
PY

echo "== Release workflow: actionlint"
go tool -modfile=tools/go.mod actionlint .github/workflows/*.yml
echo "check-platform: all passed"
