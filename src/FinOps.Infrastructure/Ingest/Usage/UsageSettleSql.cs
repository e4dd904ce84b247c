namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// What every writer of token_usage does in the statement that inserts (ADR 0004, revised): claim the rows'
/// (source, request id) keys — the key table's unique index is the duplicate rule — and add them to the hourly
/// rollup, set-based, from the INSERT's own RETURNING rows. No trigger reads a transition table of every row.
/// </summary>
internal static class UsageSettleSql
{
    public const string Returning = """
        returning tenant_id, occurred_at, id, source, request_id, feature_id, provider_id, model_id, model_alias_id,
                  deployment, service_tier, input_tokens, cached_input_tokens, output_tokens, gpu_seconds, trace_id, workflow, tags
        """;

    /// <summary>Wraps an <c>insert into token_usage … returning</c> (ending in <see cref="Returning"/>): the statement answers the rows stored.</summary>
    public static string Settled(string insertReturning) => $"""
        with inserted as ({insertReturning}),
        keys as (
            insert into token_usage_keys (source, request_id, tenant_id, occurred_at, usage_id)
            select source, request_id, tenant_id, occurred_at, id from inserted),
        rollup as (
            insert into usage_hourly as h (tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier, model_alias_id,
                                           requests, input_tokens, cached_input_tokens, output_tokens, gpu_seconds)
            select tenant_id, date_trunc('hour', occurred_at, 'UTC'), feature_id, provider_id, model_id,
                   coalesce(deployment, ''), coalesce(service_tier, ''), model_alias_id,
                   count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), coalesce(sum(gpu_seconds), 0)
            from inserted
            group by 1, 2, 3, 4, 5, 6, 7, 8
            order by 1, 2, 3, 4, 5, 6, 7, 8
            {OnConflict}),
        traces as (
            insert into usage_trace_hourly as t (tenant_id, hour, trace_id, feature_id, model_id, model_alias_id, batch, first_at, last_at,
                                                 calls, input_tokens, cached_input_tokens, output_tokens, workflow)
            select tenant_id, date_trunc('hour', occurred_at, 'UTC'), trace_id, feature_id, model_id, model_alias_id, coalesce(service_tier = 'batch', false),
                   min(occurred_at), max(occurred_at), count(*), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), min(workflow collate "C")
            from inserted
            where trace_id is not null
            group by 1, 2, 3, 4, 5, 6, 7
            order by 1, 2, 3, 4, 5, 6, 7
            {OnTraceConflict}),
        tag_values as (
            insert into usage_tag_hourly as g (tenant_id, hour, value, requests)
            select i.tenant_id, date_trunc('hour', i.occurred_at, 'UTC'), t.value, count(*)
            from inserted i cross join lateral jsonb_each_text(i.tags) t
            where i.tags is not null and jsonb_typeof(i.tags) = 'object' and t.value is not null and length(t.value) <= {FinOps.Domain.Usage.UsageTagHourly.MaxValueLength}
            group by 1, 2, 3
            order by 1, 2, 3
            {OnTagConflict})
        select count(*) from inserted
        """;

    /// <summary>A tag value's hour already counted gains the new requests.</summary>
    public const string OnTagConflict = "on conflict (tenant_id, hour, value) do update set requests = g.requests + excluded.requests";

    /// <summary>An execution's hour already in usage_trace_hourly gains the new calls.</summary>
    public const string OnTraceConflict = """
        on conflict (tenant_id, hour, trace_id, feature_id, model_id, model_alias_id, batch) do update set
            first_at            = least(t.first_at, excluded.first_at),
            last_at             = greatest(t.last_at, excluded.last_at),
            calls               = t.calls + excluded.calls,
            input_tokens        = t.input_tokens + excluded.input_tokens,
            cached_input_tokens = t.cached_input_tokens + excluded.cached_input_tokens,
            output_tokens       = t.output_tokens + excluded.output_tokens,
            workflow            = least(t.workflow collate "C", excluded.workflow collate "C")
        """;

    /// <summary>An hour already in the rollup gains the new rows' sums.</summary>
    public const string OnConflict = """
        on conflict (tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier, model_alias_id) do update set
            requests            = h.requests + excluded.requests,
            input_tokens        = h.input_tokens + excluded.input_tokens,
            cached_input_tokens = h.cached_input_tokens + excluded.cached_input_tokens,
            output_tokens       = h.output_tokens + excluded.output_tokens,
            gpu_seconds         = h.gpu_seconds + excluded.gpu_seconds
        """;
}
