#!/usr/bin/env bash
# Runs `wails build "$@"` with wails.json's productVersion set to this
# build's version (scripts/version.sh numeric) and puts wails.json back
# afterwards, so the version comes from git at build time and is never
# committed. The version resource, manifest and Info.plist read it from there.
set -euo pipefail
cd "$(dirname "$0")/.."
wails=${WAILS:-wails}
numeric=$(scripts/version.sh numeric)
backup=$(mktemp)
cp wails.json "$backup"
trap 'cp "$backup" wails.json; rm -f "$backup"' EXIT
sed -i.bak -E 's/("productVersion": *")[^"]*"/\1'"$numeric"'"/' wails.json && rm -f wails.json.bak
grep -q "\"productVersion\": \"$numeric\"" wails.json || { echo "could not set productVersion in wails.json" >&2; exit 1; }
"$wails" build "$@"
