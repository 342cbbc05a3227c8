#!/usr/bin/env bash
# The one version of ICP Desk, from the git tag. Usage:
#   scripts/version.sh          1.2.3, 1.2.3-4-gabc1234(-dirty), or abc1234 before any tag
#   scripts/version.sh numeric  1.2.3 (0.0.0 before any tag): what Windows' version
#                               resource, the manifest and macOS' CFBundleVersion need
# VERSION in the environment overrides git (a release workflow may pass the tag).
set -euo pipefail
label=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
label=${label#v}
case "${1:-label}" in
  label) echo "$label" ;;
  numeric)
    if [[ $label =~ ^([0-9]+)\.([0-9]+)\.([0-9]+) ]]; then
      echo "${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}"
    else
      echo 0.0.0
    fi ;;
  *) echo "usage: $0 [label|numeric]" >&2; exit 2 ;;
esac
