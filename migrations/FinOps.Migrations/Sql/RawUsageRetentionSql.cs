namespace FinOps.Migrations.Sql;

/// <summary>
/// Retention of raw requests: one UTC month's partition dropped at a time by the schema owner's function (the app
/// role owns nothing), its keys released and what it held recorded; months at or before a dropped one get no
/// partition again, so usage for them cannot slip in.
/// </summary>
internal static class RawUsageRetentionSql
{
    public static string Up => $"""
        create function drop_token_usage_partition(p_month date) returns bigint
        language plpgsql security definer set search_path = public, pg_temp as $$
        declare
            month_start date := date_trunc('month', p_month)::date;
            partition_name text := format('token_usage_%s', to_char(month_start, 'YYYY_MM'));
            from_at timestamptz := month_start::timestamp at time zone 'UTC';
            to_at timestamptz := (month_start + interval '1 month')::timestamp at time zone 'UTC';
            size bigint := 0;
        begin
            perform pg_advisory_xact_lock(hashtext('token_usage_partitions'));
            if month_start >= date_trunc('month', now() at time zone 'UTC')::date then
                raise exception 'the raw requests of % are not expired: the current month is never dropped', to_char(month_start, 'YYYY-MM')
                    using errcode = 'invalid_parameter_value';
            end if;
            if to_regclass(partition_name) is not null then
                size := pg_total_relation_size(partition_name::regclass);
            end if;
            insert into dropped_usage_months (month, requests, bytes, dropped_at)
            select month_start, coalesce(sum(h.requests), 0), size, now()
            from usage_hourly h where h.hour >= from_at and h.hour < to_at
            on conflict (month) do nothing;
            delete from token_usage_keys where occurred_at >= from_at and occurred_at < to_at;
            if to_regclass(partition_name) is not null then
                execute format('alter table token_usage detach partition %I', partition_name);
                execute format('drop table %I', partition_name);
            end if;
            return size;
        end $$;

        {EnsurePartition(refuseDropped: true)}
        """;

    public static string Down => $"""
        drop function drop_token_usage_partition(date);
        {EnsurePartition(refuseDropped: false)}
        """;

    /// <summary>The partition maker (one definition for both directions); after this migration it refuses months retention dropped.</summary>
    private static string EnsurePartition(bool refuseDropped) => $"""
        create or replace function ensure_token_usage_partition(p_month date) returns boolean
        language plpgsql security definer set search_path = public, pg_temp as $$
        declare
            month_start date := date_trunc('month', p_month)::date;
            partition_name text := format('token_usage_%s', to_char(month_start, 'YYYY_MM'));
        begin
            perform pg_advisory_xact_lock(hashtext('token_usage_partitions'));
            if to_regclass(partition_name) is not null then
                return false;
            end if;
            {(refuseDropped ? RefuseDropped : "")}
            execute format('create table %I partition of token_usage for values from (%L) to (%L)',
                           partition_name,
                           month_start::timestamp at time zone 'UTC',
                           (month_start + interval '1 month')::timestamp at time zone 'UTC');
            return true;
        end $$;
        """;

    private const string RefuseDropped = """
            if exists (select 1 from dropped_usage_months d where d.month >= month_start) then
                raise exception 'the raw requests of % were dropped by retention: usage for that month can no longer be stored', to_char(month_start, 'YYYY-MM')
                    using errcode = 'data_exception';
            end if;
        """;
}
