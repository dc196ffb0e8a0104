#!/usr/bin/env bash
# Runs every test of the project, installing what they need first:
#   1. scripts/setup-notebooks.sh: .venv (JupyterLab, nbclient, JJava, numpy), the java kernel, fonts,
#      the jar, the MNIST files;
#   2. mvn verify: the unit tests (mvn test), then the tests tagged real-data, npm and python: the replay
#      of the original notebook's 50 epochs on the real MNIST files, npm pack, numpy reading a saved
#      model (MYMNIST_PYTHON);
#   3. scripts/test-notebooks.sh: every notebook executed in the real Java kernel, outputs checked;
#   4. scripts/browser-test.sh: the French walkthrough in JupyterLab in headless Chromium (Run All, stop, restart).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-notebooks.sh
MYMNIST_PYTHON="$PWD/.venv/bin/python" mvn -B verify
scripts/test-notebooks.sh
scripts/browser-test.sh
