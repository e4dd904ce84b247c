#!/usr/bin/env bash
# Starts FinOps on http://127.0.0.1:${FINOPS_PORT:-5000} with seed data, on the private PostgreSQL cluster
# (created, and PostgreSQL installed with apt, when missing) or on FINOPS_DB when that is set.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
port="${FINOPS_PORT:-5000}"

if [ -z "${FINOPS_DB:-}" ]; then
  # shellcheck source=infra/postgres.sh
  source infra/postgres.sh
  finops_pg_up finops
fi

./finops db migrate
demo_out=$(./finops demo load 2>&1) || { echo "$demo_out" >&2; exit 1; }

web="$repo/.data/web"
if [ ! -f "$web/FinOps.Web.dll" ] || [ -n "$(find src migrations Directory.*.props \( -name bin -o -name obj \) -prune \
      -o -newer "$web/FinOps.Web.dll" -type f -print -quit)" ]; then
  echo "finops: publishing the web app…" >&2
  dotnet publish src/FinOps.Web/FinOps.Web.csproj -c Release -o "$web" -nologo -v quiet -clp:ErrorsOnly > "$repo/.data/web-build.log" 2>&1 \
    || { cat "$repo/.data/web-build.log" >&2; exit 1; }
  touch "$web/FinOps.Web.dll"
fi

cat >&2 <<TEXT

  FinOps is starting on  http://127.0.0.1:$port
  Database:              ${FINOPS_DB%%Password=*}
  Demo logins:
$(echo "$demo_out" | grep '@')
  Stop with Ctrl+C. Run this again to reuse the same cluster and data.

TEXT
cd "$web"
exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
  dotnet FinOps.Web.dll
