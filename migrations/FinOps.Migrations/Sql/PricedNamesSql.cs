namespace FinOps.Migrations.Sql;

/// <summary>
/// Usage keeps the catalog name (alias) its model resolved through, so a price card on a dated snapshot can price
/// that snapshot's requests (SEMANTICS §2). The rollup keeps it in its key; reads still group by model.
/// </summary>
internal static class PricedNamesSql
{
    public static readonly string Up = """
        -- A constant default is a catalog-only change on PostgreSQL 11+: no partition is rewritten.
        alter table token_usage add column model_alias_id integer not null default 0;
        """ + RollupFunctions(withAlias: true);

    public static readonly string Down = RollupFunctions(withAlias: false) + """
        alter table token_usage drop column model_alias_id;
        """;

    /// <summary>The rollup's statement triggers (ADR 0004), with or without the alias in the key.</summary>
    private static string RollupFunctions(bool withAlias)
    {
        var (aliasColumn, group, aliasKey, aliasMatch) = withAlias
            ? (", model_alias_id,", "1, 2, 3, 4, 5, 6, 7, 8", ", model_alias_id", " and h.model_alias_id = g.model_alias_id")
            : (",", "1, 2, 3, 4, 5, 6, 7", "", "");
        return $$"""
        create or replace function usage_hourly_add() returns trigger language plpgsql as $$
        begin
            insert into usage_hourly as h (tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier{{aliasColumn}}
                                           requests, input_tokens, cached_input_tokens, output_tokens, gpu_seconds)
            select tenant_id, date_trunc('hour', occurred_at, 'UTC'), feature_id, provider_id, model_id,
                   coalesce(deployment, ''), coalesce(service_tier, ''){{aliasColumn}}
                   count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), coalesce(sum(gpu_seconds), 0)
            from new_rows
            group by {{group}}
            order by {{group}}
            on conflict (tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier{{aliasKey}}) do update set
                requests            = h.requests + excluded.requests,
                input_tokens        = h.input_tokens + excluded.input_tokens,
                cached_input_tokens = h.cached_input_tokens + excluded.cached_input_tokens,
                output_tokens       = h.output_tokens + excluded.output_tokens,
                gpu_seconds         = h.gpu_seconds + excluded.gpu_seconds;
            return null;
        end $$;

        create or replace function usage_hourly_remove() returns trigger language plpgsql as $$
        begin
            delete from token_usage_keys k using old_rows o
             where k.source = o.source and k.request_id = o.request_id;

            with gone as (
                select tenant_id, date_trunc('hour', occurred_at, 'UTC') as hour, feature_id, provider_id, model_id,
                       coalesce(deployment, '') as deployment, coalesce(service_tier, '') as service_tier{{aliasColumn}}
                       count(*) as requests, sum(input_tokens) as input_tokens,
                       sum(cached_input_tokens) as cached_input_tokens, sum(output_tokens) as output_tokens,
                       coalesce(sum(gpu_seconds), 0) as gpu_seconds
                from old_rows
                group by {{group}})
            update usage_hourly h set
                requests            = h.requests - g.requests,
                input_tokens        = h.input_tokens - g.input_tokens,
                cached_input_tokens = h.cached_input_tokens - g.cached_input_tokens,
                output_tokens       = h.output_tokens - g.output_tokens,
                gpu_seconds         = h.gpu_seconds - g.gpu_seconds
            from gone g
            where h.tenant_id = g.tenant_id and h.hour = g.hour and h.feature_id = g.feature_id
              and h.provider_id = g.provider_id and h.model_id = g.model_id
              and h.deployment = g.deployment and h.service_tier = g.service_tier{{aliasMatch}};

            delete from usage_hourly where requests = 0;
            return null;
        end $$;
        """;
    }
}
