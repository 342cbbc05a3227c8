#!/usr/bin/env bash
# The clerk's waits in the real app window (WebKitGTK under Xvfb, the
# production binary): compiles the pixel watcher (scripts/xwatch.c) and runs
# frontend/e2e/window-bench.mjs inside Xvfb. A benchmark: prints figures, fails
# only when it cannot measure. BENCH_RUNS sets the runs per wait, BENCH_ONLY
# which waits (e.g. cropper), BENCH_TRACE=1 where an apply's time goes.
set -euo pipefail
source "$(dirname "$0")/xvfb-common.sh"
gcc -O2 -o "$work/xwatch" "$root/scripts/xwatch.c" -lXdamage -lX11

setsid xvfb-run -a -s '-screen 0 1280x1024x24' env XWATCH="$work/xwatch" ICPDESK_BIN="$root/$bin" \
  node --experimental-websocket --no-warnings=ExperimentalWarning "$root/frontend/e2e/window-bench.mjs" &
pid=$!
wait $pid
