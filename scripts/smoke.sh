#!/usr/bin/env bash
# Window smoke test: start the production binary under Xvfb with a fresh
# workspace, wait for its window, take a screenshot and check that the window
# shows the UI (not a blank or black surface). Keeps the PNG in test-artifacts/.
set -euo pipefail
source "$(dirname "$0")/xvfb-common.sh"
shot="$out/smoke-window.png"
rm -f "$shot"

# The inner script runs inside Xvfb: start the app, wait for its window,
# give WebKit time to paint, then capture the screen.
setsid xvfb-run -a -s '-screen 0 1280x1024x24' bash -c '
  ICPDESK_WORKSPACE="$1/workspace.icpdesk" "$2" >"$1/app.log" 2>&1 &
  app=$!
  if ! timeout 30 xdotool search --sync --onlyvisible --name "ICP Desk" >"$1/window" 2>/dev/null; then
    echo "smoke: no ICP Desk window within 30 s" >&2; kill $app; exit 1
  fi
  wid=$(head -1 "$1/window")
  xdotool getwindowname "$wid" >"$1/title"
  for i in $(seq 1 40); do  # up to 20 s for the UI to render
    sleep 0.5
    import -window "$wid" "$3" 2>/dev/null || continue
    colours=$(convert "$3" -format "%k" info:)
    [ "$colours" -gt 50 ] && break
  done
  kill $app
' smoke "$work" "$root/$bin" "$shot" &
pid=$!
if ! wait $pid; then
  echo "smoke: FAILED; app log:" >&2; cat "$work/app.log" >&2 || true; exit 1
fi

title=$(cat "$work/title")
colours=$(convert "$shot" -format "%k" info:)
size=$(convert "$shot" -format "%wx%h" info:)
echo "smoke: window title: $title; screenshot: $shot ($size, $colours colours)"
case "$title" in
  *"ICP Desk"*"ICP备案助手"* | *"ICP备案助手"*"ICP Desk"*) ;;
  *) echo "smoke: unexpected window title '$title'" >&2; exit 1 ;;
esac
if [ "$colours" -le 50 ]; then
  echo "smoke: the window looks blank ($colours colours)" >&2; cat "$work/app.log" >&2; exit 1
fi
echo "smoke: 1 passed, 0 failed"
