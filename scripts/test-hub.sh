#!/usr/bin/env bash
# A class on a real JupyterHub, on this machine (as root): the hub of deploy/jupyterhub/ on 127.0.0.1,
# PAM logins, LocalProcessSpawner, configurable-http-proxy from npm running on its own, a teacher and three students made
# for the test with useradd (removed afterwards), the kernel installed by scripts/install-class.sh.
# scripts/check_hub.py then drives it through the hub (REST API, kernel websockets, nbgitpuller,
# nbgrader's exchange, and Chromium through the login page for one student).
#
#   HUB_DIR (default /opt/my-mnist-test-hub): the class's environment (env/: a venv of the system's
#   python3 with scripts/requirements-hub.txt, kept between runs), the course repository, the
#   exchange. build/hub/: the hub's state and log, executed notebooks, screenshots, memory.json.
# Prints "N passed, M failed"; exits 1 on any failure; leaves no user, process or home behind.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '[test-hub] %s\n' "$*"; }
fail() { printf '[test-hub] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: the test creates system users (useradd) and the hub spawns their servers as them"
SYSTEM_PYTHON="${SYSTEM_PYTHON:-/usr/bin/python3}"
[ -x "$SYSTEM_PYTHON" ] || fail "$SYSTEM_PYTHON not found: the class's environment needs a python3 every account can run (Debian: apt-get install python3 python3-venv)"
HUB_DIR="${HUB_DIR:-/opt/my-mnist-test-hub}"
ENV="$HUB_DIR/env"
OUT="$ROOT/build/hub"
TEACHER=mmteacher
# HUB_STUDENTS (default 3) and HUB_CHECK (default scripts/check_hub.py): scripts/class-load.sh runs the
# same hub with more students and its own driver, scripts/class_load.py.
STUDENTS=()
for i in $(seq 1 "${HUB_STUDENTS:-3}"); do STUDENTS+=("mmstudent$i"); done
HUB_CHECK="${HUB_CHECK:-scripts/check_hub.py}"
KERNEL_IDLE_TIMEOUT="${MYMNIST_KERNEL_IDLE_TIMEOUT:-1800}"
GROUP=mmstudents
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
start=$SECONDS

# --- The class's environment: a venv of the system's python3, pinned; the install ----------------
umask 022
mkdir -p "$HUB_DIR" && chmod 755 "$HUB_DIR"
if [ ! -x "$ENV/bin/python" ]; then
  say "creating $ENV from $SYSTEM_PYTHON"
  "$SYSTEM_PYTHON" -m venv "$ENV" || fail "could not create a venv with $SYSTEM_PYTHON (Debian: apt-get install python3-venv)"
fi
want="$(cat scripts/requirements-hub.txt scripts/requirements-hub.lock | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$ENV/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  say "installing JupyterHub, JupyterLab, nbgitpuller, nbgrader into $ENV (pinned)"
  "$ENV/bin/python" -m pip install -q --disable-pip-version-check \
    -r scripts/requirements-hub.txt -c scripts/requirements-hub.lock
  echo "$want" > "$ENV/.requirements.sha256"
fi
# The install's refusals: one line that names what to install, nothing installed.
install_passed=0 install_failed=0
expect_refusal() {  # expect_refusal NAME PATTERN COMMAND...
  local name="$1" pattern="$2" out rc; shift 2
  set +e; out="$("$@" 2>&1)"; rc=$?; set -e
  if [ "$rc" = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && [[ "$out" =~ $pattern ]]; then
    install_passed=$((install_passed + 1)); echo "  PASS  install-class.sh: $name"
  else
    install_failed=$((install_failed + 1)); echo "  FAIL  install-class.sh: $name  (exit $rc: $out)"
  fi
}
empty="$(mktemp -d)"
expect_refusal "a prefix with no Jupyter is refused, naming what to install" "has no Jupyter.*pip install jupyterlab" \
  scripts/install-class.sh "$empty"
nojava="$(mktemp -d)"   # the system's commands, but no java
for f in /usr/local/bin/* /usr/bin/* /bin/*; do [ "${f##*/}" = java ] || ln -sf "$f" "$nojava/"; done
expect_refusal "no JDK is refused, naming the package" "java not found: install a JDK 17.*openjdk-17-jdk-headless" \
  env -u JAVA_HOME PATH="$nojava" scripts/install-class.sh "$empty"
[ -z "$(ls -A "$empty")" ] || { install_failed=$((install_failed + 1)); echo "  FAIL  install-class.sh: a refusal wrote into $empty"; }
rm -rf "$empty" "$nojava"
scripts/install-class.sh "$ENV"

# The proxy (npm) and Chromium for the browser student.
if [ ! -x browser-test/node_modules/.bin/configurable-http-proxy ] \
   || [ browser-test/package-lock.json -nt browser-test/node_modules/.package-lock.json ]; then
  say "installing configurable-http-proxy and playwright-core (npm ci)"
  (cd browser-test && npm ci --no-audit --no-fund --silent)
fi
if [ ! -x "$CHROMIUM" ]; then
  command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM not found (set CHROMIUM=/path/to/chromium)"
  say "installing chromium (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
fi

# --- The course repository (nbgitpuller pulls it), the exchange, nbgrader's configuration -----------
rm -rf "$HUB_DIR/repo" "$HUB_DIR/exchange" "$OUT"
mkdir -p "$HUB_DIR/repo" "$OUT/state"
chmod 700 "$OUT"    # the test service's admin token and the proxy's are in it
chmod 700 "$OUT/state"
git clone -q --bare --no-hardlinks "$ROOT" "$HUB_DIR/repo/my-mnist"
git -C "$HUB_DIR/repo/my-mnist" symbolic-ref HEAD refs/heads/main 2>/dev/null || true
git -C "$HUB_DIR/repo/my-mnist" rev-parse -q --verify refs/heads/main >/dev/null \
  || git -C "$HUB_DIR/repo/my-mnist" branch main "$(git -C "$ROOT" rev-parse HEAD)"
chmod -R a+rX "$HUB_DIR/repo"
mkdir -p "$HUB_DIR/exchange" && chmod 777 "$HUB_DIR/exchange"
mkdir -p "$ENV/etc/jupyter"
cat > "$ENV/etc/jupyter/nbgrader_config.py" <<EOF
# Every user of the class's environment: nbgrader's exchange (written by scripts/test-hub.sh).
c = get_config()
c.Exchange.root = "$HUB_DIR/exchange"
c.CourseDirectory.course_id = "my-mnist"
EOF

# --- The users, removed on any exit, with whatever their servers and kernels left ------------------
HUB_PID="" GIT_PID="" PROXY_PID=""
remove_users() {   # this run's users, and any student an earlier, larger run left
  for u in "$TEACHER" "${STUDENTS[@]}" $(getent passwd | cut -d: -f1 | grep -E '^mmstudent[0-9]+$' || true); do
    if id "$u" >/dev/null 2>&1; then
      pkill -KILL -u "$u" 2>/dev/null || true
      for _ in $(seq 1 20); do pgrep -u "$u" >/dev/null || break; sleep 0.2; done
      userdel -r "$u" >/dev/null 2>&1 || true
    fi
  done
  getent group "$GROUP" >/dev/null && groupdel "$GROUP" || true
}
cleanup() {
  [ -f "$OUT/hub.pid" ] && HUB_PID="$(cat "$OUT/hub.pid")"    # check_hub.py may have restarted it
  if [ -n "$HUB_PID" ] && kill -0 "$HUB_PID" 2>/dev/null; then
    kill -TERM "$HUB_PID" 2>/dev/null || true      # the servers and the proxy outlive it (the recipe's setting)
    for _ in $(seq 1 100); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- -"$HUB_PID" 2>/dev/null || true
  fi
  [ -n "$PROXY_PID" ] && kill -- "$PROXY_PID" 2>/dev/null || true
  # The hub's services run in sessions of their own: the idle culler outlives a hub killed above.
  pkill -KILL -f -- "$ENV/bin/python -m jupyterhub_idle_culler" 2>/dev/null || true
  [ -n "$GIT_PID" ] && kill -- "$GIT_PID" 2>/dev/null || true
  pkill -KILL -f -- "$OUT/" 2>/dev/null || true
  remove_users
  HUB_PID="" GIT_PID="" PROXY_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM
remove_users    # what a stopped earlier run left
groupadd "$GROUP"
PASSWORD="$("$ENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))')"
for u in "$TEACHER" "${STUDENTS[@]}"; do
  useradd -m -s /bin/bash -K HOME_MODE=0700 "$u"
  chmod 700 "/home/$u"
  echo "$u:$PASSWORD" | chpasswd
done
for u in "${STUDENTS[@]}"; do usermod -aG "$GROUP" "$u"; done
# The browser student's JupyterLab keeps every cell in the page, so the test sees every output.
settings="/home/${STUDENTS[0]}/.jupyter/lab/user-settings/@jupyterlab/notebook-extension"
runuser -u "${STUDENTS[0]}" -- mkdir -p "$settings"
echo '{ "windowingMode": "none" }' | runuser -u "${STUDENTS[0]}" -- tee "$settings/tracker.jupyterlab-settings" >/dev/null
# The teacher's course folder: the exercise notebook (French) as the assignment's source.
COURSE="/home/$TEACHER/course"
runuser -u "$TEACHER" -- mkdir -p "$COURSE/source/03-exercices"
runuser -u "$TEACHER" -- cp notebooks/03-exercices.ipynb "$COURSE/source/03-exercices/"
{ cat scripts/nbgrader_config.py; echo "c.CourseDirectory.root = \"$COURSE\""; } \
  | runuser -u "$TEACHER" -- tee "$COURSE/nbgrader_config.py" >/dev/null

# --- The hub: deploy/jupyterhub/jupyterhub_config.py, with this test's ports, users and token -------
free_port() { "$ENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="$(free_port)" HUB_API_PORT="$(free_port)" PROXY_API_PORT="$(free_port)"
HUB_TOKEN="$("$ENV/bin/python" -c 'import secrets; print(secrets.token_hex(32))')"
cat > "$OUT/test_config.py" <<EOF
# scripts/test-hub.sh: the class's configuration, and a service for the test with admin scopes.
c = get_config()
load_subconfig("$ROOT/deploy/jupyterhub/jupyterhub_config.py")
c.JupyterHub.services.append({"name": "class-test", "api_token": "$HUB_TOKEN"})
c.JupyterHub.load_roles.append({"name": "class-test", "services": ["class-test"], "scopes": [
    "admin:users", "admin:servers", "tokens", "access:servers", "list:users", "read:users"]})
EOF
# The course repository served by git's own daemon on 127.0.0.1, as a teacher's is by GitHub: a student
# cloning a folder that root owns is refused by git ("dubious ownership").
GIT_PORT="$(free_port)"
git daemon --reuseaddr --listen=127.0.0.1 --port="$GIT_PORT" --base-path="$HUB_DIR/repo" --export-all \
  --pid-file="$OUT/git-daemon.pid" "$HUB_DIR/repo" >"$OUT/git-daemon.log" 2>&1 &
GIT_PID=$!
say "JupyterHub on 127.0.0.1:$PORT (log: build/hub/hub.log), the course repository on git://127.0.0.1:$GIT_PORT/my-mnist"
# The proxy on its own, as the recipe's configurable-http-proxy.service runs it, with the token it
# shares with the hub: a hub restart then keeps every student's connection.
PROXY_TOKEN="$("$ENV/bin/python" -c 'import secrets; print(secrets.token_hex(32))')"
CONFIGPROXY_AUTH_TOKEN="$PROXY_TOKEN" setsid "$ROOT/browser-test/node_modules/.bin/configurable-http-proxy" \
  --ip 127.0.0.1 --port "$PORT" --api-ip 127.0.0.1 --api-port "$PROXY_API_PORT" \
  --default-target "http://127.0.0.1:$HUB_API_PORT" --error-target "http://127.0.0.1:$HUB_API_PORT/hub/error" \
  >"$OUT/proxy.log" 2>&1 </dev/null &
PROXY_PID=$!
# The hub's start, in a script of its own: scripts/check_hub.py restarts the hub with it mid-lesson.
cat > "$OUT/start-hub.sh" <<START
#!/usr/bin/env bash
# Starts the test hub in the background and writes its PID to $OUT/hub.pid (scripts/test-hub.sh).
cd "$OUT/state"
setsid env -i PATH="$ENV/bin:/usr/local/bin:/usr/bin:/bin" LANG=C.UTF-8 HOME=/root CONFIGPROXY_AUTH_TOKEN="$PROXY_TOKEN" \\
  MYMNIST_PREFIX="$ENV" MYMNIST_STUDENTS_GROUP="$GROUP" MYMNIST_TEACHERS="$TEACHER" \\
  MYMNIST_HUB_URL="http://127.0.0.1:$PORT" MYMNIST_HUB_API_URL="http://127.0.0.1:$HUB_API_PORT" \\
  MYMNIST_PROXY_API_URL="http://127.0.0.1:$PROXY_API_PORT" MYMNIST_HUB_STATE="$OUT/state" \\
  MYMNIST_KERNEL_IDLE_TIMEOUT="$KERNEL_IDLE_TIMEOUT" \\
  MYMNIST_PROXY="$ROOT/browser-test/node_modules/.bin/configurable-http-proxy" \\
  "$ENV/bin/jupyterhub" -f "$OUT/test_config.py" >>"$OUT/hub.log" 2>&1 </dev/null &
echo \$! > "$OUT/hub.pid"
START
chmod +x "$OUT/start-hub.sh"
"$OUT/start-hub.sh"
HUB_PID="$(cat "$OUT/hub.pid")"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null -H "Authorization: token $HUB_TOKEN" "http://127.0.0.1:$PORT/hub/api/" 2>/dev/null && break
  kill -0 "$HUB_PID" 2>/dev/null || { tail -30 "$OUT/hub.log" >&2; fail "JupyterHub exited"; }
  sleep 0.5
done
curl -fsS -o /dev/null -H "Authorization: token $HUB_TOKEN" "http://127.0.0.1:$PORT/hub/api/" \
  || { tail -30 "$OUT/hub.log" >&2; fail "JupyterHub did not answer in 60 s"; }
say "hub up after $((SECONDS - start)) s"

set +e
HUB_URL="http://127.0.0.1:$PORT" HUB_TOKEN="$HUB_TOKEN" STUDENTS="$(IFS=,; echo "${STUDENTS[*]}")" \
  PASSWORD="$PASSWORD" TEACHER="$TEACHER" PREFIX="$ENV" REPO="git://127.0.0.1:$GIT_PORT/my-mnist" COURSE="$COURSE" \
  ROOT="$ROOT" OUT="$OUT" CHROMIUM="$CHROMIUM" MYMNIST_KERNEL_IDLE_TIMEOUT="$KERNEL_IDLE_TIMEOUT" \
  "$ENV/bin/python" "$HUB_CHECK"
rc=$?
set -e
cleanup
left="$( (pgrep -af -- "$OUT/"; pgrep -af -- "$ENV/") || true)"
users_left="$(for u in "$TEACHER" "${STUDENTS[@]}"; do if id "$u" >/dev/null 2>&1; then echo "$u"; fi; done)"
passed=0 failed=0
[ -z "$left" ] && { passed=1; echo "  PASS  no process of the hub left"; } || { failed=1; echo "  FAIL  processes left: $left"; }
[ -z "$users_left$(ls -d /home/mmstudent* /home/$TEACHER 2>/dev/null)" ] \
  && { passed=$((passed + 1)); echo "  PASS  the test's users and their homes are removed"; } \
  || { failed=$((failed + 1)); echo "  FAIL  left: $users_left"; }
say "took $((SECONDS - start)) s"
passed=$((passed + install_passed)) failed=$((failed + install_failed))
echo "hub checks: exit $rc; install refusals and cleanup: $passed passed, $failed failed"
[ "$rc" = 0 ] && [ "$failed" = 0 ]
