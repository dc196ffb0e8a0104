#!/usr/bin/env bash
# Runs every notebook of notebooks/ headless with the Java kernel and checks its outputs: the pytest suite
# scripts/notebook_tests/, through scripts/check_notebooks.py (--help: one notebook, one check with -k).
# Executed copies go to build/notebooks/. Sets up what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/notebook-env.sh"
"$ROOT/scripts/setup-notebooks.sh"
exec "$VENV/bin/python" "$ROOT/scripts/check_notebooks.py" "$@"
