#!/usr/bin/env bash
# Sets up what is missing (scripts/setup-notebooks.sh), then starts JupyterLab from the project's
# venv on the French walkthrough. Extra arguments go to JupyterLab, e.g. --no-browser --port 8890.
# NOTEBOOK=notebooks/01-my-mnist-en.ipynb scripts/jupyterlab.sh opens the English one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/notebook-env.sh"
"$ROOT/scripts/setup-notebooks.sh"
cd "$ROOT/notebooks"
# JupyterLab refuses to start as root without --allow-root (containers, CI machines).
root_flag=()
[ "$(id -u)" = 0 ] && root_flag=(--allow-root)
exec "$VENV/bin/jupyter" lab "${root_flag[@]}" "$(basename "${NOTEBOOK:-01-my-mnist.ipynb}")" "$@"
