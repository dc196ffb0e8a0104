# Sourced by the notebook scripts: where things are, and a Jupyter that sees only this project's venv.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
# Kernel specs of .venv/share/jupyter come first, before any "java" kernel in ~/.local/share/jupyter.
export JUPYTER_PATH="$VENV/share/jupyter"
export JUPYTER_PLATFORM_DIRS=1
export PYDEVD_DISABLE_FILE_VALIDATION=1
