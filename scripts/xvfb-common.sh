# Shared by the real-window tests (smoke.sh, window-draft.sh); source it.
# Sets bin, root, out (test-artifacts) and work (a temporary folder), and on
# exit stops the process group in $pid (the xvfb-run started with setsid) and
# removes $work, also when a test fails.
bin=${1:-build/bin/icpdesk}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/test-artifacts"
mkdir -p "$out"
work=$(mktemp -d)

cleanup() {
  [ -n "${pid:-}" ] && kill -- "-$pid" 2>/dev/null || true
  sleep 0.5
  [ -n "${pid:-}" ] && kill -9 -- "-$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
