#!/usr/bin/env bash
# Installs my-mnist once for a whole class, into the Jupyter prefix where a hub's single-user servers
# run (TLJH: /opt/tljh/user; a Docker Stacks image: $CONDA_DIR; Binder: $NB_PYTHON_PREFIX; a venv):
#
#   scripts/install-class.sh [--memory SIZE] [--threads N] PREFIX
#
#   PREFIX/share/my-mnist/my-mnist.jar, lib/*.jar   the library and its dependencies
#   PREFIX/share/my-mnist/mnist/                    the four MNIST files, SHA-256 checked, and their
#                                                   scaled pixels (*.pixels), which each kernel maps
#   PREFIX/share/my-mnist/native/                   ND4J's native libraries, unpacked once for everyone
#   PREFIX/share/jupyter/kernels/java/              the kernel "Java (my-mnist)" (JJava, pinned), named
#                                                   "java" as in the notebooks' metadata
#
# The kernel spec carries the library's classpath (JJAVA_CLASSPATH; IJAVA_CLASSPATH for IJava 1.3.0),
# the data folder (MNIST_HOME) and the native libraries' folders, so that every notebook of notebooks/ runs
# unchanged from any folder, for any user, with an empty home and no network. Everything installed is
# readable by all and writable only by the user who runs this (root on a server).
# --memory SIZE is each kernel's memory ceiling, its heap and ND4J's arrays together (default 1536m; a
# kernel holds about 0.3 GiB after Run All of 01, docs/classroom.md): the heap gets half, and a cell that
# asks for an array beyond the ceiling is refused with a message naming it and this flag.
# --threads N is each kernel's compute threads (OpenBLAS and OpenMP; default 1): many kernels share a
# server's cores, and threads beyond them only wait (docs/classroom.md, "How big a server").
# Run from a checkout; it builds target/my-mnist.jar when missing or out of date (Maven) and fetches
# MNIST when it is not in ~/.cache/my-mnist/mnist or $MNIST_HOME. Running it again replaces the install with the checkout's, which is harmless to running kernels.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '[install-class] %s\n' "$*"; }
fail() { printf '[install-class] error: %s\n' "$*" >&2; exit 1; }
usage() { echo "usage: scripts/install-class.sh [--memory SIZE] [--threads N] PREFIX   (PREFIX: the Jupyter prefix of the class's single-user servers, e.g. /opt/tljh/user)" >&2; exit 2; }

MEMORY=1536m
THREADS=1
PREFIX=
while [ $# -gt 0 ]; do
  case "$1" in
    --memory) [ $# -ge 2 ] || usage; MEMORY="$2"; shift 2 ;;
    --memory=*) MEMORY="${1#--memory=}"; shift ;;
    --threads) [ $# -ge 2 ] || usage; THREADS="$2"; shift 2 ;;
    --threads=*) THREADS="${1#--threads=}"; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "[install-class] unknown option $1" >&2; usage ;;
    *) [ -z "$PREFIX" ] || usage; PREFIX="$1"; shift ;;
  esac
done
[ -n "$PREFIX" ] || usage
[[ "$MEMORY" =~ ^[1-9][0-9]*[mMgG]$ ]] || fail "--memory $MEMORY: expected a memory ceiling such as 1g or 1536m"
[[ "$THREADS" =~ ^[1-9][0-9]*$ ]] || fail "--threads $THREADS: expected a number of threads, 1 or more"

# --- What must be there: a JDK, a Jupyter in PREFIX -------------------------------------------
source "$ROOT/scripts/java-tools.sh"
find_java install-class
[ -d "$PREFIX" ] || fail "$PREFIX does not exist: give the Jupyter prefix where the single-user servers run (TLJH: /opt/tljh/user; a venv: create it and pip install jupyterlab there first)"
PREFIX="$(cd "$PREFIX" && pwd)"
[ -x "$PREFIX/bin/python" ] && [ -x "$PREFIX/bin/jupyter" ] \
  || fail "$PREFIX has no Jupyter ($PREFIX/bin/python and $PREFIX/bin/jupyter are needed): install JupyterLab there first ($PREFIX/bin/python -m pip install jupyterlab), or give the prefix where the hub's single-user servers run (TLJH: /opt/tljh/user)"
"$PREFIX/bin/python" -c 'import jupyter_core' 2>/dev/null \
  || fail "$PREFIX/bin/python cannot import jupyter_core: install JupyterLab there first ($PREFIX/bin/python -m pip install jupyterlab)"
umask 022

# --- The library jar ----------------------------------------------------------------------------
build_library_jar install-class

# --- A new share/my-mnist beside the old one, swapped in at the end ------------------------------
SHARE="$PREFIX/share/my-mnist"
mkdir -p "$PREFIX/share"
NEW="$(mktemp -d "$PREFIX/share/.my-mnist.new.XXXXXX")"
trap 'rm -rf "$NEW"' EXIT
cp target/my-mnist.jar "$NEW/my-mnist.jar"
mkdir "$NEW/lib" && cp target/lib/*.jar "$NEW/lib/"

# MNIST: copied from an existing install, $MNIST_HOME or this user's cache when there, then checked
# (SHA-256) and completed by the library's own fetch.
mkdir "$NEW/mnist"
for from in "$SHARE/mnist" "${MNIST_HOME:-}" "${XDG_CACHE_HOME:-$HOME/.cache}/my-mnist/mnist"; do
  [ -n "$from" ] && [ -d "$from" ] || continue
  for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    [ -f "$NEW/mnist/$name" ] || [ ! -f "$from/$name" ] || cp "$from/$name" "$NEW/mnist/$name"
  done
done
"$JAVA" -jar "$NEW/my-mnist.jar" fetch --data "$NEW/mnist" >"$NEW/fetch.log" 2>&1 \
  || { cat "$NEW/fetch.log" >&2; fail "could not get the MNIST files into $NEW/mnist (network, or copy them into ~/.cache/my-mnist/mnist first)"; }
rm -f "$NEW/fetch.log"
# The scaled pixels as the network reads them (float64 and float32), which each kernel maps instead of
# decoding the images into memory of its own: one copy in the page cache for the whole class.
"$JAVA" --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -cp "$NEW/my-mnist.jar:$NEW/lib/*" org.mymnist.data.PixelCache "$NEW/mnist" >"$NEW/pixels.log" 2>&1 \
  || { cat "$NEW/pixels.log" >&2; fail "could not write the pixel caches into $NEW/mnist"; }
rm -f "$NEW/pixels.log"

# ND4J's native libraries, unpacked by JavaCPP into a folder of the install: without it, each user's
# first kernel unpacks 400 MB into ~/.javacpp/cache. JavaCPP links some of them by absolute paths,
# which would point into this temporary folder: they are made relative.
"$JAVA" -Dorg.bytedeco.javacpp.cachedir="$NEW/native" -cp "$NEW/my-mnist.jar:$NEW/lib/*" \
  org.mymnist.backend.NativeLibraries >"$NEW/native.log" 2>&1 \
  || { cat "$NEW/native.log" >&2; fail "ND4J's native libraries could not be loaded with $JAVA"; }
rm -f "$NEW/native.log" "$NEW/native/.lock"
find "$NEW/native" -type l -lname "$NEW/*" | while read -r link; do
  ln -sfn "$(realpath --relative-to="$(dirname "$link")" "$(readlink "$link")")" "$link"
done

chmod -R u+rwX,go+rX,go-w "$NEW"
if [ -d "$SHARE" ]; then
  OLD="$PREFIX/share/.my-mnist.old.$$"
  mv "$SHARE" "$OLD"
  mv "$NEW" "$SHARE"
  rm -rf "$OLD"
else
  mv "$NEW" "$SHARE"
fi
trap - EXIT

# --- The kernel: JJava's files (pip, pinned as in the checkout), then our kernel.json ------------
JJAVA="$(grep -E '^jjava==' scripts/requirements-notebooks.txt)"
"$PREFIX/bin/python" -m pip install -q --disable-pip-version-check --no-deps "$JJAVA" \
  || fail "could not install $JJAVA into $PREFIX with pip"
KERNEL_DIR="$PREFIX/share/jupyter/kernels/java"
[ -f "$KERNEL_DIR/jjava.jar" ] \
  || fail "$JJAVA did not install its kernel files into $KERNEL_DIR"
"$PREFIX/bin/python" scripts/kernel_spec.py "$KERNEL_DIR/kernel.json" "$JAVA" --memory "$MEMORY" --ceiling \
  --classpath "$SHARE/my-mnist.jar:$SHARE/lib/*" --mnist-home "$SHARE/mnist" --native-libraries "$SHARE/native" --many-kernels \
  --threads "$THREADS"
chmod -R go+rX,go-w "$KERNEL_DIR"

say "installed in $SHARE ($(du -sh "$SHARE" | cut -f1)) and the kernel \"Java (my-mnist)\" in $KERNEL_DIR (memory ceiling $MEMORY, $THREADS compute thread(s) a kernel)"
