#!/usr/bin/env bash
# A class's load on a real JupyterHub, on this machine (as root): N students run all of 01 at once.
#
#   sudo scripts/class-load.sh N
#
# The hub, users, install and course repository are scripts/test-hub.sh's (it is run with N + 1
# students and scripts/class_load.py in place of check_hub.py): one student runs 01 alone first (the
# reference for ideal_s), then all N at once through the hub's API and the kernels' websockets, while
# one more user runs `1 + 1` every 3 s; each kernel's memory is read as its Run All ends; then the
# servers' kernel culler (MYMNIST_KERNEL_IDLE_TIMEOUT: 15 s a student and 60 s at least here, against the
# recipe's 1800; it counts a kernel's start too, slow when thirty start at once) stops
# an idle kernel, whose student comes back and runs from the top. The last line printed is one JSON
# object: students, errors, kernel_anon_mib_max, kernel_pss_mib_max, peak_used_gib, last_finished_s,
# ideal_s, one_line_p95_s, and more (build/hub/class-load.json has it too). Exits 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: sudo scripts/class-load.sh N   (N students, e.g. 30)" >&2; exit 2; }
rm -f build/hub/class-load.json
set +e
HUB_STUDENTS=$((N + 1)) HUB_CHECK=scripts/class_load.py MYMNIST_KERNEL_IDLE_TIMEOUT="${MYMNIST_KERNEL_IDLE_TIMEOUT:-$((N * 15 > 60 ? N * 15 : 60))}" \
  scripts/test-hub.sh
rc=$?
set -e
[ -f build/hub/class-load.json ] || { echo "class-load.sh: no figures (build/hub/class-load.json): see the lines above" >&2; exit 1; }
python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))))' build/hub/class-load.json
exit "$rc"
