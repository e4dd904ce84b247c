#!/usr/bin/env bash
# Runs every test (infra/test.sh), or every test and the slow tier too (infra/test.sh --slow: a load test and
# processes killed mid-work; minutes more, not in CI): builds once, on the private PostgreSQL cluster (or the server in FINOPS_DB, where the tests
# create and drop their own throwaway databases), with Debian's Chromium for the browser tests.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
filter="Tier!=Slow"
for arg in "$@"; do
  case "$arg" in
    --slow) filter="" ;;
    *) echo "usage: infra/test.sh [--slow]" >&2; exit 2 ;;
  esac
done

if [ -z "${FINOPS_DB:-}" ]; then
  # shellcheck source=infra/postgres.sh
  source infra/postgres.sh
  finops_pg_up postgres
fi

if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  echo "finops: installing Debian's chromium (browser tests) and poppler-utils (PDFs read as a reader would)…" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core poppler-utils >&2
fi

# Databases left by an interrupted earlier run on the private cluster (on another server, each run drops its own).
if [ -n "${FINOPS_PG_PORT:-}" ]; then
  for stale in $("$FINOPS_PG_BIN/psql" -h 127.0.0.1 -p "$FINOPS_PG_PORT" -U postgres -d postgres -tAc \
      "select datname from pg_database where datname like 'finops\_t\_%'"); do
    "$FINOPS_PG_BIN/psql" -h 127.0.0.1 -p "$FINOPS_PG_PORT" -U postgres -d postgres -qc "drop database if exists \"$stale\" with (force)"
  done
fi

mkdir -p .data
dotnet build FinOps.sln -c Release -nologo -clp:ErrorsOnly -v quiet

log=.data/test.log
: > "$log"
# FINOPS_TEST_PROJECTS (space-separated) narrows the run, e.g. to the browser tests for infra/screenshots.sh.
set +e
status=0
for target in ${FINOPS_TEST_PROJECTS:-FinOps.sln}; do
  echo "finops: testing $target…" >&2
  dotnet test "$target" -c Release --no-build --nologo ${filter:+--filter "$filter"} 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
set -e

# One closing line over all test projects: "tests: N passed, N failed".
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
