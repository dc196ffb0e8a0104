#!/usr/bin/env bash
# Sets up everything the notebooks need, inside this project only:
#   .venv/ with JupyterLab, nbclient and the JJava kernel (pinned, see requirements-notebooks.*),
#   the "java" kernel spec in .venv/share/jupyter/kernels/java with the JVM settings the library needs,
#   fonts for drawing charts headless (Debian/Ubuntu: apt-get, only when root and missing),
#   target/my-mnist.jar + target/lib/ (mvn package, when missing or older than the sources),
#   the MNIST files (java -jar target/my-mnist.jar fetch).
# Safe to run again: each step is skipped when already done, so a second run takes a few seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/notebook-env.sh"
cd "$ROOT"

say() { printf '[setup-notebooks] %s\n' "$*"; }
fail() { printf '[setup-notebooks] error: %s\n' "$*" >&2; exit 1; }

# --- Java 17+ on x86_64 -------------------------------------------------------------------------
source "$ROOT/scripts/java-tools.sh"
find_java setup-notebooks

# --- Fonts: Java 2D draws chart text with system fonts, and finds none on a bare server ---------
have_fonts() {
  if command -v fc-list >/dev/null 2>&1; then [ -n "$(fc-list 2>/dev/null | head -1)" ]; else
    [ -n "$(find /usr/share/fonts /usr/local/share/fonts -name '*.tt[fc]' -print -quit 2>/dev/null)" ]; fi
}
if ! have_fonts; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "no fonts found: installing fonts-dejavu-core and fontconfig"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-dejavu-core fontconfig >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-dejavu-core fontconfig >/dev/null; }
  else
    say "warning: no fonts found; charts need one (Debian: sudo apt-get install fonts-dejavu-core fontconfig)"
  fi
fi

# --- Python virtual environment -----------------------------------------------------------------
PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || fail "python3 not found (3.9 or later, with the venv module)"
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  "$PYTHON" -m venv "$VENV" || fail "could not create a venv (Debian: apt-get install python3-venv)"
fi
stamp="$VENV/.requirements.sha256"
want="$(cat scripts/requirements-notebooks.txt scripts/requirements-notebooks.lock | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing JupyterLab, nbclient and JJava into .venv (pinned)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -r scripts/requirements-notebooks.txt -c scripts/requirements-notebooks.lock
  echo "$want" > "$stamp"
fi

# --- The "java" kernel, in the venv ---------------------------------------------------------------
# jjava's wheel puts its jars in .venv/share/jupyter/kernels/java; the spec is rewritten to use the
# JDK found above and to give the kernel's JVM the same settings as the command line.
KERNEL_DIR="$VENV/share/jupyter/kernels/java"
[ -f "$KERNEL_DIR/jjava.jar" ] || fail "jjava's kernel files are missing from $KERNEL_DIR (pip install jjava failed?)"
"$VENV/bin/python" scripts/kernel_spec.py "$KERNEL_DIR/kernel.json" "$JAVA"

# --- The library jar -----------------------------------------------------------------------------
build_library_jar setup-notebooks

# --- MNIST ---------------------------------------------------------------------------------------
if [ "${SKIP_MNIST_FETCH:-0}" != 1 ] && ! unzip -l target/my-mnist.jar 2>/dev/null | grep -q 'org/mymnist/cli/Main.class' \
   && ! "${JAVA%/java}/jar" tf target/my-mnist.jar 2>/dev/null | grep -q 'org/mymnist/cli/Main.class'; then
  say "warning: this jar has no command line yet: MNIST will be fetched by the notebook's first cell"
elif [ "${SKIP_MNIST_FETCH:-0}" != 1 ]; then
  if ! "$JAVA" -jar target/my-mnist.jar fetch >/tmp/my-mnist-fetch.$$ 2>&1; then
    cat /tmp/my-mnist-fetch.$$ >&2; rm -f /tmp/my-mnist-fetch.$$
    fail "could not fetch MNIST (java -jar target/my-mnist.jar fetch)"
  fi
  say "$(tail -1 /tmp/my-mnist-fetch.$$)"; rm -f /tmp/my-mnist-fetch.$$
fi

say "ready: scripts/jupyterlab.sh opens the walkthrough; scripts/test-notebooks.sh runs the notebook tests"
