#!/usr/bin/env bash
# Builds ICP Desk for Windows (amd64): build/bin/icpdesk.exe with its version
# resource and manifest, the NSIS installer and the portable ZIP, named with
# the version and architecture, and SHA-256 sums. From Linux it cross-builds
# with mingw-w64 (cgo: go-sqlite3 needs it); on Windows it builds natively.
#   WEBVIEW2_INSTALLER=path  embed Microsoft's offline Evergreen Standalone
#                            Installer in the installer (for IT departments)
#   WAILS=path               the Wails CLI (default: wails on the PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
label=$(scripts/version.sh)
numeric=$(scripts/version.sh numeric)
arch=amd64
tags=${TAGS:-}
out=build/bin
name="ICPDesk-${label}-windows-${arch}"

if [ "$(go env GOHOSTOS)" != windows ]; then
  export CC=${CC:-x86_64-w64-mingw32-gcc} CXX=${CXX:-x86_64-w64-mingw32-g++}
fi
export CGO_ENABLED=1
# -webview2 error: the exe never downloads the runtime itself (no network
# at run time); app/webview2_windows.go explains what to do instead.
scripts/wails-build.sh -s -m -trimpath -skipbindings -platform "windows/$arch" -webview2 error \
  ${tags:+-tags "$tags"} -ldflags "-X icpdesk/backend.Version=$label" -o icpdesk.exe
exe="$out/icpdesk.exe"
if grep -q "requires cgo to work" "$exe"; then
  echo "$exe was built without cgo (go-sqlite3 is a stub)" >&2
  exit 1
fi

# The installer. Microsoft's Evergreen Bootstrapper ships inside the Wails
# module; WEBVIEW2_INSTALLER replaces it with the offline runtime.
bootstrapper="$(go env GOMODCACHE)/github.com/wailsapp/wails/v2@$(go list -m -f '{{.Version}}' github.com/wailsapp/wails/v2)/internal/webview2runtime/MicrosoftEdgeWebview2Setup.exe"
defs=(-DVERSION="$numeric" -DVERSION_LABEL="$label" -DARCH="$arch" -DEXE="$(pwd)/$exe"
  -DOUTFILE="$(pwd)/$out/$name-setup.exe" -DWEBVIEW2_BOOTSTRAPPER="$bootstrapper")
if [ -n "${WEBVIEW2_INSTALLER:-}" ]; then
  [ -f "$WEBVIEW2_INSTALLER" ] || { echo "WEBVIEW2_INSTALLER=$WEBVIEW2_INSTALLER: no such file" >&2; exit 1; }
  defs+=(-DWEBVIEW2_INSTALLER="$(cd "$(dirname "$WEBVIEW2_INSTALLER")" && pwd)/$(basename "$WEBVIEW2_INSTALLER")")
  name="$name-offline"
  defs+=(-DOUTFILE="$(pwd)/$out/$name-setup.exe")
fi
if [ "$(go env GOHOSTOS)" = windows ]; then
  for i in "${!defs[@]}"; do defs[$i]=$(echo "${defs[$i]}" | sed -E 's#=/([a-zA-Z])/#=\1:/#'); done
fi
(cd build/windows/installer && makensis -V2 "${defs[@]}" project.nsi)

# The portable ZIP: the exe and a short note, nothing to install.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name-portable"
cp "$exe" "$stage/$name-portable/icpdesk.exe"
cp build/windows/portable-readme.txt "$stage/$name-portable/README.txt"
rm -f "$out/$name-portable.zip"
zipfile="$(pwd)/$out/$name-portable.zip"
if command -v zip >/dev/null; then
  (cd "$stage" && zip -qr9 "$zipfile" "$name-portable")
else # Git Bash on Windows has no zip; the runners have 7-Zip
  (cd "$stage" && 7z a -tzip -mx=9 "$(cygpath -w "$zipfile")" "$name-portable" >/dev/null)
fi

(cd "$out" && sha256sum "$name-setup.exe" "$name-portable.zip" icpdesk.exe >"$name.sha256")
ls -l "$exe" "$out/$name-setup.exe" "$out/$name-portable.zip" | awk '{printf "%-60s %6.1f MB\n", $NF, $5/1048576}'
