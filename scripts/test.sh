#!/usr/bin/env bash
# Runs every test of the project, installing what they need first:
#   1. scripts/setup-notebooks.sh: .venv (JupyterLab, nbclient, JJava, numpy), the java kernel, fonts,
#      the jar, the MNIST files;
#   2. mvn verify: the unit tests (mvn test), then the tests tagged real-data, npm and python: the replay
#      of the original notebook's 50 epochs on the real MNIST files, npm pack, numpy reading a saved
#      model (MYMNIST_PYTHON);
#   3. scripts/test-notebooks.sh: every notebook executed in the real Java kernel, outputs checked;
#   4. scripts/browser-test.sh: the French walkthrough in JupyterLab in headless Chromium (Run All, stop, restart).
#   Exercises: scripts/test-nbgrader.sh (the nbgrader round trip of notebooks/03-*: 0 points untouched, full points
#   solved); check_notebooks.py --check-edits (a JupyterLab edit survives the scripts); and the notebooks are
#   byte for byte as they were before the tests (no script rewrites them).
#   5. scripts/test-hub.sh (as root): a class on a real JupyterHub (install-class.sh, system users, nbgitpuller,
#      three students running 01 at once, nbgrader's exchange, permissions between students), and
#      scripts/test-binder.sh: the Dockerfile repo2docker makes of binder/ (no Docker daemon needed);
#      scripts/class-load.sh 4: four students run all of 01 at once on the same hub, one more types 1 + 1,
#      an idle kernel is culled (its figures: one JSON line; docs/classroom.md has the run with 30).
set -euo pipefail
cd "$(dirname "$0")/.."
notebooks_before="$(sha256sum notebooks/*.ipynb)"
scripts/setup-notebooks.sh
MYMNIST_PYTHON="$PWD/.venv/bin/python" mvn -B verify
scripts/test-notebooks.sh
scripts/browser-test.sh
# --- exercises (notebooks/03-*) ---
scripts/test-nbgrader.sh
.venv/bin/python scripts/check_notebooks.py --check-edits
# --- a class on one JupyterHub ---
scripts/test-binder.sh
if [ "$(id -u)" = 0 ]; then
  scripts/test-hub.sh
  scripts/class-load.sh 4
else
  echo "test.sh: scripts/test-hub.sh needs root (it creates system users): run it with sudo" >&2; exit 1
fi
[ "$(sha256sum notebooks/*.ipynb)" = "$notebooks_before" ] \
  || { echo "test.sh: a test script changed notebooks/*.ipynb (they are the source: no script may rewrite them)" >&2; exit 1; }
