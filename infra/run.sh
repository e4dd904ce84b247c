#!/usr/bin/env bash
# Starts FinOps on http://127.0.0.1:${FINOPS_PORT:-5000} with demo data, on the private PostgreSQL cluster
# (created, and PostgreSQL installed with apt, when missing) or on FINOPS_DB when that is set. Says what it is doing
# at every step, and prints the address and the demo logins only once the server answers.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
port="${FINOPS_PORT:-5000}"
mkdir -p .data
step() { echo "finops: $*" >&2; }

if [ -z "${FINOPS_DB:-}" ]; then
  step "starting the private PostgreSQL cluster (installed with apt on first use)…"
  # shellcheck source=infra/postgres.sh
  source infra/postgres.sh
  finops_pg_up finops
fi

step "applying database migrations (the command-line tool is built first if its sources changed)…"
./finops db migrate
step "loading the demo: tenants, one sign-in per role, three closed months and this month so far, budgets and alerts (a minute or two the first time)…"
demo_log="$repo/.data/demo-load.log"
./finops demo load 2>&1 | tee "$demo_log" >&2
[ "${PIPESTATUS[0]}" -eq 0 ] || { step "the demo did not load (see above)"; exit 1; }
# The latest closed month (a full month to show), as the demo reports it: "demo: 2026-11: 100,000 requests, 10 files, closed".
month=$(grep -E '^demo: [0-9]{4}-[0-9]{2}: .*, closed$' "$demo_log" | tail -1 | awk '{print $2}' | tr -d ':')

web="$repo/.data/web"
if [ ! -f "$web/FinOps.Web.dll" ] || [ -n "$(find src migrations Directory.*.props \( -name bin -o -name obj \) -prune \
      -o -newer "$web/FinOps.Web.dll" -type f -print -quit)" ]; then
  step "publishing the web app (first run, or sources changed)…"
  dotnet publish src/FinOps.Web/FinOps.Web.csproj -c Release -o "$web" -nologo -v quiet -clp:ErrorsOnly > "$repo/.data/web-build.log" 2>&1 \
    || { cat "$repo/.data/web-build.log" >&2; exit 1; }
  touch "$web/FinOps.Web.dll"
fi

step "starting the web app on port $port…"
(cd "$web" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
  dotnet FinOps.Web.dll) &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' INT TERM

answers() {
  if command -v curl >/dev/null 2>&1; then curl -fsS -o /dev/null "http://127.0.0.1:$port/health"
  else (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health HTTP/1.0\r\n\r\n' >&3 && head -1 <&3 | grep -q ' 200 ') 2>/dev/null
  fi
}
# Waits on the server's own answer (a hang guard of 5 minutes, not a timing).
for _ in $(seq 300); do
  answers && break
  kill -0 "$server" 2>/dev/null || { step "the web app stopped before it answered (its log is above)"; exit 1; }
  sleep 1
done
answers || { step "the web app did not answer within 5 minutes"; kill "$server"; exit 1; }

cat >&2 <<TEXT

  FinOps is running on   http://127.0.0.1:$port
  Demo month loaded:     ${month:-(none)} — open Statements or Reconciliation with that period
  Database:              ${FINOPS_DB%%Password=*}
  Demo logins:
$(grep '@' "$demo_log")
  Stop with Ctrl+C. Run this again to reuse the same cluster and data.

TEXT
wait "$server"
