#!/usr/bin/env bash
# Runs a command with every core kept busy beside it (a stress-like CPU hog), to prove the test suite depends on
# conditions, not on speed:  infra/busy.sh infra/test.sh
# FINOPS_BUSY_WORKERS sets how many busy loops to start (default: one per core).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: infra/busy.sh COMMAND [ARGS…]" >&2; exit 2; }
workers="${FINOPS_BUSY_WORKERS:-$(nproc)}"
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT INT TERM
for _ in $(seq "$workers"); do
  # A tight shell loop at normal priority: it competes with the tests for every core, like stress --cpu.
  ( while :; do :; done ) &
  pids+=("$!")
done
echo "finops: $workers busy loop(s) running beside: $*" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
