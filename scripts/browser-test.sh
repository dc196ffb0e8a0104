#!/usr/bin/env bash
# The French walkthrough as a class sees it: JupyterLab from .venv on 127.0.0.1 (free port,
# random token, no browser), opened in headless Chromium driven by playwright-core (browser-test/).
# Run All through the menu, check the chart, the table, the digit, no error; interrupt a long training
# with the toolbar's stop button; restart the kernel from the menu and check again.
# Works on a copy of the notebooks in build/browser/notebooks (the committed ones stay output-free);
# screenshots go to build/browser/. Installs what is missing: .venv etc. (scripts/setup-notebooks.sh),
# Chromium (apt-get, as root), playwright-core (npm ci). Stops its server and browser, also on failure,
# Then the drawing pad of notebook 05 (browser-test/draw-test.mjs), screenshots draw-*.png.
# checks that no process of this run is left, prints "N passed, M failed", exits 1 on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/notebook-env.sh"
cd "$ROOT"

say() { printf '[browser-test] %s\n' "$*"; }
fail() { printf '[browser-test] error: %s\n' "$*" >&2; exit 1; }

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
OUT="$ROOT/build/browser"

# --- What the test needs --------------------------------------------------------------------------
scripts/setup-notebooks.sh >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "$CHROMIUM not found (Debian: sudo apt-get install chromium; or set CHROMIUM=/path/to/chromium)"
  say "installing chromium (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
  [ -x "$CHROMIUM" ] || fail "apt-get did not install $CHROMIUM"
fi
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || fail "node and npm are needed (Debian: apt-get install nodejs npm)"
if [ ! -f browser-test/node_modules/playwright-core/package.json ] \
   || [ browser-test/package-lock.json -nt browser-test/node_modules/.package-lock.json ]; then
  say "installing playwright-core (npm ci)"
  (cd browser-test && npm ci --no-audit --no-fund --silent)
fi

# --- A fresh copy of the notebooks, with ../target resolving to the project's jar --------------------
rm -rf "$OUT"
mkdir -p "$OUT/notebooks" "$OUT/settings/@jupyterlab/notebook-extension" \
         "$OUT/settings/@jupyterlab/apputils-extension" "$OUT/runtime" "$OUT/config"
cp notebooks/*.ipynb "$OUT/notebooks/"
ln -s "$ROOT/target" "$OUT/target"
# Every cell stays in the page (no windowing), so the test sees all outputs; no news, no update check.
echo '{ "windowingMode": "none" }' > "$OUT/settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
echo '{ "fetchNews": "false", "checkForUpdates": false }' > "$OUT/settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
export JUPYTERLAB_SETTINGS_DIR="$OUT/settings" JUPYTERLAB_WORKSPACES_DIR="$OUT/workspaces"
export JUPYTER_RUNTIME_DIR="$OUT/runtime" JUPYTER_CONFIG_DIR="$OUT/config"

PORT="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
TOKEN="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(24))')"

# --- Start the server and the test, each in its own process group; stop both on any exit ----------
SERVER_PID="" NODE_PID=""
cleanup() {
  [ -n "$NODE_PID" ] && kill -- -"$NODE_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true          # the server shuts its kernels down
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- -"$SERVER_PID" 2>/dev/null || true
  fi
  # Kernels run in their own sessions; their command lines name this run's runtime folder.
  pkill -KILL -f -- "$OUT/runtime" 2>/dev/null || true
  SERVER_PID="" NODE_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "JupyterLab on 127.0.0.1:$PORT (log: build/browser/jupyter.log)"
setsid "$VENV/bin/jupyter" lab --no-browser --ip 127.0.0.1 --port "$PORT" --ServerApp.port_retries=0 \
  --IdentityProvider.token="$TOKEN" --ServerApp.root_dir="$OUT" --ServerApp.allow_root=True \
  --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
  >"$OUT/jupyter.log" 2>&1 </dev/null &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/status?token=$TOKEN" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/jupyter.log" >&2; fail "JupyterLab exited"; }
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/status?token=$TOKEN" || fail "JupyterLab did not answer in 60 s"

start=$SECONDS
set +e
BASE_URL="http://127.0.0.1:$PORT" TOKEN="$TOKEN" OUT="$OUT" CHROMIUM="$CHROMIUM" \
  setsid node browser-test/browser-test.mjs &
NODE_PID=$!
wait "$NODE_PID"; rc=$?
set -e
NODE_PID=""

# --- The drawing pad of notebook 05 (browser-test/draw-test.mjs), on the same server -----------------
set +e
BASE_URL="http://127.0.0.1:$PORT" TOKEN="$TOKEN" OUT="$OUT" CHROMIUM="$CHROMIUM" \
  setsid node browser-test/draw-test.mjs &
NODE_PID=$!
wait "$NODE_PID"; draw_rc=$?
set -e
NODE_PID=""
# --- end of the drawing pad's part (its counts are added below) ------------------------------------
cleanup

# --- Nothing of this run is left ------------------------------------------------------------------
sleep 1
left="$(pgrep -af -- "$OUT" || true)"
results="$(cat "$OUT/results" 2>/dev/null || echo "0 1")"
passed="${results% *}" failed="${results#* }"
draw_results="$(cat "$OUT/draw-results" 2>/dev/null || echo "0 1")"   # the drawing pad
passed=$((passed + ${draw_results% *})) failed=$((failed + ${draw_results#* }))
[ "$draw_rc" = 0 ] || [ "${draw_results#* }" -gt 0 ] || { failed=$((failed + 1)); echo "  FAIL  the drawing test exited $draw_rc"; }
if [ -z "$left" ]; then
  passed=$((passed + 1)); echo "  PASS  no process of this run left (jupyter, kernel, chromium)"
else
  failed=$((failed + 1)); echo "  FAIL  processes left: $left"
fi
[ "$rc" = 0 ] || [ "$failed" -gt 0 ] || { failed=$((failed + 1)); echo "  FAIL  the browser test exited $rc"; }
say "took $((SECONDS - start)) s; screenshots in build/browser/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
