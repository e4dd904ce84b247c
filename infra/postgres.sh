# shellcheck shell=bash
# The private PostgreSQL cluster behind ./finops, infra/run.sh and infra/test.sh. Source it, then call
# finops_pg_up DATABASE: installs the server with apt when missing, creates the cluster once, starts it when
# stopped, creates DATABASE when missing, and exports FINOPS_DB. Progress goes to stderr.
# For the app's database (anything but "postgres", which the tests use to create their own) it also creates two
# roles: finops_owner, which owns the schema and runs migrations (FINOPS_DB_OWNER), and finops_app, which the app
# and the CLI connect as (FINOPS_DB) and which owns nothing — so it can neither disable triggers nor drop tables.

finops_repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

finops_pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "finops: installing the PostgreSQL server with apt…" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql postgresql-contrib >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  printf '%s\n' "$bin"
}

# As root the cluster lives outside the clone: initdb refuses root, and the postgres user may not be able to
# enter a 0700 home directory. Each clone gets its own cluster (and port), so clones never share data.
finops_pg_home() {
  local repo id
  repo=$(finops_repo_root)
  id=$(printf '%s' "$repo" | sha1sum | cut -c1-10)
  if [ "$(id -u)" -eq 0 ]; then printf '/var/tmp/finops-%s\n' "$id"; else printf '%s/.data/postgres\n' "$repo"; fi
}

finops_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

finops_pg_up() {
  local database=${1:-finops} bin home data port repo
  repo=$(finops_repo_root)
  bin=$(finops_pg_bin)
  home=$(finops_pg_home)
  data="$home/data"

  if [ ! -f "$home/port" ]; then
    mkdir -p "$home"
    # A port derived from the clone path, so two clones on one machine do not collide.
    echo $(( 54320 + $(printf '%s' "$repo" | cksum | cut -d' ' -f1) % 600 )) > "$home/port"
  fi
  port=${FINOPS_PG_PORT:-$(cat "$home/port")}

  if [ ! -f "$data/PG_VERSION" ]; then
    echo "finops: creating a private PostgreSQL cluster in $data (port $port)" >&2
    mkdir -p "$data"
    [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$home"
    chmod 700 "$data"
    finops_pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    echo "include_if_exists = 'finops.conf'" >> "$data/postgresql.conf"
  fi
  cp "$repo/infra/postgres/finops.conf" "$data/finops.conf"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$data/finops.conf"

  if ! finops_pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "finops: starting PostgreSQL on 127.0.0.1:$port" >&2
    finops_pg_as_owner "$bin/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t 60 \
      -o "-p $port -k $home" start >/dev/null \
      || { echo "finops: PostgreSQL did not start; see $home/postgres.log" >&2; tail -n 20 "$home/postgres.log" >&2; return 1; }
  fi

  export FINOPS_PG_BIN="$bin" FINOPS_PG_PORT="$port" FINOPS_PG_HOME="$home"
  if [ "$database" = "postgres" ]; then
    export FINOPS_DB="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    return 0
  fi

  local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q)
  "${psql[@]}" -d postgres -c "
    do \$\$ begin
      if not exists (select from pg_roles where rolname = 'finops_owner') then create role finops_owner login nosuperuser createdb; end if;
      if not exists (select from pg_roles where rolname = 'finops_app') then create role finops_app login nosuperuser nocreatedb nocreaterole; end if;
    end \$\$;" >&2
  if ! "${psql[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres -O finops_owner "$database"
  elif [ "$("${psql[@]}" -d postgres -tAc "select pg_get_userbyid(datdba) from pg_database where datname = '$database'")" != "finops_owner" ]; then
    # A database made before the roles existed: hand the database and everything in it to the owner role once.
    echo "finops: handing $database to the finops_owner role (once)…" >&2
    "${psql[@]}" -d "$database" -c "
      alter database \"$database\" owner to finops_owner;
      do \$\$ declare o record; begin
        for o in select format('alter %s %s owner to finops_owner',
                               case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
                               c.oid::regclass) as sql
                 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname in ('public', 'hangfire') and c.relkind in ('r', 'p', 'S', 'v', 'm') and pg_get_userbyid(c.relowner) = 'postgres'
                   and not (c.relkind = 'S' and exists (select from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))
        loop execute o.sql; end loop;
        for o in select format('alter function %s owner to finops_owner', p.oid::regprocedure) as sql
                 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname in ('public', 'hangfire') and pg_get_userbyid(p.proowner) = 'postgres'
        loop execute o.sql; end loop;
        if exists (select from pg_namespace where nspname = 'hangfire') then alter schema hangfire owner to finops_owner; end if;
      end \$\$;" >&2
  fi

  export FINOPS_DB="Host=127.0.0.1;Port=$port;Username=finops_app;Database=$database"
  export FINOPS_DB_OWNER="Host=127.0.0.1;Port=$port;Username=finops_owner;Database=$database"
}
