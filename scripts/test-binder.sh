#!/usr/bin/env bash
# Checks the Binder files (binder/) without Docker: installs a pinned repo2docker into build/r2d-venv
# (once; a venv of its own, apart from .venv), then runs scripts/check_binder.py, which has repo2docker
# print the Dockerfile it would build (--no-build --debug, no Docker daemon needed) and checks it.
# Needs python3 with the venv module and network for the first run (PyPI); then about 2 s.
# Ends with "N passed, M failed" and exits 1 on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

REPO2DOCKER_VERSION=2026.4.0
VENV=build/r2d-venv
PYTHON="${PYTHON:-python3}"

if [ "$("$VENV/bin/python" -m pip show jupyter-repo2docker 2>/dev/null | sed -n 's/^Version: //p')" != "$REPO2DOCKER_VERSION" ]; then
  echo "[test-binder] installing jupyter-repo2docker==$REPO2DOCKER_VERSION into $VENV"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV" || { echo "[test-binder] error: could not create a venv (Debian: apt-get install python3-venv)" >&2; exit 1; }
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "jupyter-repo2docker==$REPO2DOCKER_VERSION"
fi
exec "$VENV/bin/python" scripts/check_binder.py "$VENV/bin/repo2docker"
