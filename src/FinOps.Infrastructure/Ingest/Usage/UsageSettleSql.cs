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
                  deployment, service_tier, input_tokens, cached_input_tokens, output_tokens, gpu_seconds
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
            {OnConflict})
        select count(*) from inserted
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
