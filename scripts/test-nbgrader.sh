#!/usr/bin/env bash
# The nbgrader round trip of the exercise notebooks (scripts/check_nbgrader.py): a course folder in
# build/nbgrader/, the student version made by nbgrader generate_assignment, nbgrader autograde of the
# untouched student version (0 points) and of the solutions (full points). Sets up what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/notebook-env.sh"
"$ROOT/scripts/setup-notebooks.sh"
export PATH="$VENV/bin:$PATH"   # nbgrader's db commands call alembic from PATH
exec "$VENV/bin/python" "$ROOT/scripts/check_nbgrader.py" "$@"
