#!/usr/bin/env bash
# Installs the Debian packages ICP Desk needs to build and test, when they are
# missing. On Debian/Ubuntu as root it runs apt-get; elsewhere it only says
# what is missing (macOS and Windows need nothing beyond Go, Node and, for the
# tests, Chromium). Usage: scripts/ensure-system-deps.sh build|test|windows
set -euo pipefail

build_pkgs=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
test_pkgs=(xvfb xauth chromium poppler-utils imagemagick xdotool fonts-wqy-microhei libx11-dev libxdamage-dev python3 postgresql)
windows_pkgs=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nsis)

case "${1:-build}" in
  build) want=("${build_pkgs[@]}") ;;
  test) want=("${build_pkgs[@]}" "${test_pkgs[@]}" "${windows_pkgs[@]}") ;; # make test cross-builds for Windows
  windows) want=("${build_pkgs[@]}" "${windows_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|windows" >&2; exit 2 ;;
esac

if [ "$(uname -s)" != Linux ] || ! command -v dpkg-query >/dev/null 2>&1; then
  exit 0 # not Debian: the README lists what to install by hand
fi

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
