#!/usr/bin/env bash
# Builds ICP Desk for macOS on a Mac: a universal (arm64 + amd64) "ICP Desk.app"
# with the version from git, then ICPDesk-<version>-macos-universal.dmg with an
# Applications link (hdiutil), and its SHA-256. Optional, skipped when unset:
#   MACOS_SIGN_IDENTITY   "Developer ID Application: …" — codesign the app
#                         (hardened runtime, timestamp) and the dmg
#   MACOS_NOTARY_PROFILE  a `xcrun notarytool store-credentials` profile —
#                         notarise the dmg and staple the ticket (needs signing)
#   WAILS=path            the Wails CLI (default: wails on the PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "build-macos needs macOS (hdiutil, the Apple toolchain)" >&2; exit 1; }
label=$(scripts/version.sh)
out=build/bin
app="$out/ICP Desk.app"
name="ICPDesk-${label}-macos-universal"

export CGO_ENABLED=1 MACOSX_DEPLOYMENT_TARGET=12.0
scripts/wails-build.sh -s -m -trimpath -skipbindings -platform darwin/universal \
  -ldflags "-X icpdesk/backend.Version=$label"
[ -x "$app/Contents/MacOS/icpdesk" ] || { echo "$app has no executable" >&2; exit 1; }
lipo -archs "$app/Contents/MacOS/icpdesk" | grep -q arm64 || { echo "not universal" >&2; exit 1; }
/usr/libexec/PlistBuddy -c "Print :LSMinimumSystemVersion" "$app/Contents/Info.plist"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
  codesign --verify --strict --verbose=2 "$app"
else
  echo "MACOS_SIGN_IDENTITY unset: the app is not signed (Gatekeeper will ask the user to allow it)"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$out/$name.dmg"
hdiutil create -volname "ICP Desk ${label}" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out/$name.dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$out/$name.dmg"
fi
if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
  [ -n "${MACOS_SIGN_IDENTITY:-}" ] || { echo "notarisation needs MACOS_SIGN_IDENTITY too" >&2; exit 1; }
  xcrun notarytool submit "$out/$name.dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$out/$name.dmg"
else
  echo "MACOS_NOTARY_PROFILE unset: the dmg is not notarised"
fi

(cd "$out" && shasum -a 256 "$name.dmg" >"$name.sha256")
ls -l "$out/$name.dmg" | awk '{printf "%-60s %6.1f MB\n", $NF, $5/1048576}'
