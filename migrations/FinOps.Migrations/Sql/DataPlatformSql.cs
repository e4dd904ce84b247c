namespace FinOps.Migrations.Sql;

/// <summary>
/// Hand-written DDL of the DataPlatform migration: what EF Core cannot express (declarative partitioning, triggers,
/// views). Like every migration, frozen once released — later changes go in a new migration. See ADR 0004.
/// </summary>
internal static class DataPlatformSql
{
    public const string Up = """
        -- Raw requests: one row per (source, request_id), range-partitioned by UTC month on occurred_at.
        -- Keys lead with tenant_id, the column the table will be distributed by (Citus) without redesign.
        -- No foreign keys: a row-level RI check per column per request would cost more than the load itself at
        -- 100M rows a month; ingest writes only ids it has just resolved by joining the dimension tables in the
        -- same transaction, and dimension rows are never deleted (merges keep the merged row).
        create sequence token_usage_id_seq as bigint;

        create table token_usage (
            tenant_id           bigint       not null,
            occurred_at         timestamptz  not null,
            id                  bigint       not null default nextval('token_usage_id_seq'),
            source              varchar(64)  not null,
            request_id          varchar(200) not null,
            feature_id          bigint       not null,
            provider_id         integer      not null,
            model_id            integer      not null,
            input_tokens        bigint       not null check (input_tokens >= 0),
            cached_input_tokens bigint       not null default 0 check (cached_input_tokens between 0 and input_tokens),
            output_tokens       bigint       not null check (output_tokens >= 0),
            latency_ms          integer      check (latency_ms >= 0),
            status              varchar(32),
            service_tier        varchar(32),
            deployment          varchar(200),
            gpu_seconds         numeric      check (gpu_seconds >= 0),
            tags                jsonb,
            file_id             bigint,
            constraint pk_token_usage primary key (tenant_id, occurred_at, id)
        ) partition by range (occurred_at);
        alter sequence token_usage_id_seq owned by token_usage.id;

        -- Indexes, kept few because every one slows the COPY path (100M rows a month):
        --  * pk_token_usage (tenant_id, occurred_at, id): a tenant's requests in a window — drill-down to sample
        --    requests and statements — prunes to the month and seeks by tenant.
        --  * BRIN on occurred_at: rows arrive roughly in time order, so a few kB per partition narrow any window
        --    scan (provider × model × hour drill-down in reconciliation) to the matching block ranges.
        -- Aggregates never read this table: usage_hourly below answers them.
        create index ix_token_usage_occurred_at_brin on token_usage using brin (occurred_at) with (pages_per_range = 32);

        -- The duplicate rule of SEMANTICS §2: (source, request_id) is unique across all months. PostgreSQL cannot
        -- enforce that on the partitioned table (a unique index must contain occurred_at), so every insert claims its
        -- rows' keys here, in the same statement; a second claim fails with a unique violation whoever the writer is.
        create table token_usage_keys (
            source      varchar(64)  not null,
            request_id  varchar(200) not null,
            tenant_id   bigint       not null,
            occurred_at timestamptz  not null,
            usage_id    bigint       not null,
            constraint pk_token_usage_keys primary key (source, request_id)
        );

        -- Set-based, once per statement (a COPY-fed merge of a million rows claims its keys in one insert).
        create function token_usage_claim_keys() returns trigger language plpgsql as $$
        begin
            insert into token_usage_keys (source, request_id, tenant_id, occurred_at, usage_id)
            select source, request_id, tenant_id, occurred_at, id from new_rows;
            return null;
        end $$;
        create trigger token_usage_claim_keys after insert on token_usage
            referencing new table as new_rows for each statement execute function token_usage_claim_keys();

        -- A logged request is a fact: corrections arrive as new sources or adjustments, never as edits.
        create function token_usage_refuse_update() returns trigger language plpgsql as $$
        begin
            raise exception 'token_usage rows are immutable (request % of source %)', old.request_id, old.source
                using errcode = 'integrity_constraint_violation';
        end $$;
        create trigger token_usage_refuse_update before update on token_usage
            for each row execute function token_usage_refuse_update();

        -- usage_hourly is kept current set-based, once per statement (a COPY-fed merge of a million rows fires
        -- it once), in key order so concurrent ingests lock rollup rows in the same order.
        create function usage_hourly_add() returns trigger language plpgsql as $$
        begin
            insert into usage_hourly as h (tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier,
                                           requests, input_tokens, cached_input_tokens, output_tokens, gpu_seconds)
            select tenant_id, date_trunc('hour', occurred_at, 'UTC'), feature_id, provider_id, model_id,
                   coalesce(deployment, ''), coalesce(service_tier, ''),
                   count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), coalesce(sum(gpu_seconds), 0)
            from new_rows
            group by 1, 2, 3, 4, 5, 6, 7
            order by 1, 2, 3, 4, 5, 6, 7
            on conflict (tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier) do update set
                requests            = h.requests + excluded.requests,
                input_tokens        = h.input_tokens + excluded.input_tokens,
                cached_input_tokens = h.cached_input_tokens + excluded.cached_input_tokens,
                output_tokens       = h.output_tokens + excluded.output_tokens,
                gpu_seconds         = h.gpu_seconds + excluded.gpu_seconds;
            return null;
        end $$;
        create trigger usage_hourly_add after insert on token_usage
            referencing new table as new_rows for each statement execute function usage_hourly_add();

        -- Deleting requests (a purge, a rolled-back source) releases their keys and takes them out of the rollup.
        create function usage_hourly_remove() returns trigger language plpgsql as $$
        begin
            delete from token_usage_keys k using old_rows o
             where k.source = o.source and k.request_id = o.request_id;

            with gone as (
                select tenant_id, date_trunc('hour', occurred_at, 'UTC') as hour, feature_id, provider_id, model_id,
                       coalesce(deployment, '') as deployment, coalesce(service_tier, '') as service_tier,
                       count(*) as requests, sum(input_tokens) as input_tokens,
                       sum(cached_input_tokens) as cached_input_tokens, sum(output_tokens) as output_tokens,
                       coalesce(sum(gpu_seconds), 0) as gpu_seconds
                from old_rows
                group by 1, 2, 3, 4, 5, 6, 7)
            update usage_hourly h set
                requests            = h.requests - g.requests,
                input_tokens        = h.input_tokens - g.input_tokens,
                cached_input_tokens = h.cached_input_tokens - g.cached_input_tokens,
                output_tokens       = h.output_tokens - g.output_tokens,
                gpu_seconds         = h.gpu_seconds - g.gpu_seconds
            from gone g
            where h.tenant_id = g.tenant_id and h.hour = g.hour and h.feature_id = g.feature_id
              and h.provider_id = g.provider_id and h.model_id = g.model_id
              and h.deployment = g.deployment and h.service_tier = g.service_tier;

            delete from usage_hourly where requests = 0;
            return null;
        end $$;
        create trigger usage_hourly_remove after delete on token_usage
            referencing old table as old_rows for each statement execute function usage_hourly_remove();

        -- Creates the UTC-month partition holding p_month (idempotent, safe when called concurrently).
        create function ensure_token_usage_partition(p_month date) returns boolean language plpgsql as $$
        declare
            month_start date := date_trunc('month', p_month)::date;
            partition_name text := format('token_usage_%s', to_char(month_start, 'YYYY_MM'));
        begin
            perform pg_advisory_xact_lock(hashtext('token_usage_partitions'));
            if to_regclass(partition_name) is not null then
                return false;
            end if;
            execute format('create table %I partition of token_usage for values from (%L) to (%L)',
                           partition_name,
                           month_start::timestamp at time zone 'UTC',
                           (month_start + interval '1 month')::timestamp at time zone 'UTC');
            return true;
        end $$;

        -- Days in the organisation's reporting time zone, summed from the hourly rollup.
        create view usage_daily as
        select h.tenant_id, h.feature_id, h.provider_id, h.model_id,
               (h.hour at time zone s.reporting_time_zone)::date as day,
               sum(h.requests)::bigint            as requests,
               sum(h.input_tokens)::bigint        as input_tokens,
               sum(h.cached_input_tokens)::bigint as cached_input_tokens,
               sum(h.output_tokens)::bigint       as output_tokens,
               sum(h.gpu_seconds)                 as gpu_seconds
        from usage_hourly h
        cross join organisation_settings s
        group by h.tenant_id, h.feature_id, h.provider_id, h.model_id, (h.hour at time zone s.reporting_time_zone)::date;

        -- The audit log is append-only for every writer, the application included.
        create function audit_log_refuse_change() returns trigger language plpgsql as $$
        begin
            raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
        end $$;
        create trigger audit_log_refuse_change before update or delete on audit_log
            for each row execute function audit_log_refuse_change();
        create trigger audit_log_refuse_truncate before truncate on audit_log
            for each statement execute function audit_log_refuse_change();
        """;

    public const string Down = """
        drop trigger audit_log_refuse_truncate on audit_log;
        drop trigger audit_log_refuse_change on audit_log;
        drop function audit_log_refuse_change();
        drop view usage_daily;
        drop function ensure_token_usage_partition(date);
        drop table token_usage;
        drop function usage_hourly_remove();
        drop function usage_hourly_add();
        drop function token_usage_refuse_update();
        drop function token_usage_claim_keys();
        drop table token_usage_keys;
        """;
}
