namespace FinOps.Migrations.Sql;

/// <summary>
/// Workflow executions summed at ingest (usage_trace_hourly), so the workflows page never reads raw requests: filled
/// from the requests already stored, and kept exact when requests are deleted — the delete trigger recomputes the
/// executions it touched from what remains (a first or last call cannot be subtracted).
/// </summary>
internal static class UsageTraceRollupSql
{
    private const string Columns = "tenant_id, hour, trace_id, feature_id, model_id, model_alias_id, batch, first_at, last_at, calls, input_tokens, cached_input_tokens, output_tokens, workflow";

    private const string Summed = """
        select u.tenant_id, date_trunc('hour', u.occurred_at, 'UTC'), u.trace_id, u.feature_id, u.model_id, u.model_alias_id,
               coalesce(u.service_tier = 'batch', false), min(u.occurred_at), max(u.occurred_at), count(*), sum(u.input_tokens),
               sum(u.cached_input_tokens), sum(u.output_tokens), min(u.workflow collate "C")
        """;

    private const string GroupBy = "group by 1, 2, 3, 4, 5, 6, 7";

    public static string Up => $"""
        insert into usage_trace_hourly ({Columns})
        {Summed}
        from token_usage u where u.trace_id is not null
        {GroupBy};

        {RemoveTrigger(withExecutions: true)}
        """;

    public static string Down => RemoveTrigger(withExecutions: false);

    /// <summary>The delete trigger: keys released, hours taken off the rollup and, with executions, the touched executions recomputed.</summary>
    internal static string RemoveTrigger(bool withExecutions, bool withTags = false) => $"""
        create or replace function usage_hourly_remove() returns trigger language plpgsql as $$
        begin
            delete from token_usage_keys k using old_rows o
             where k.source = o.source and k.request_id = o.request_id;

            with gone as (
                select tenant_id, date_trunc('hour', occurred_at, 'UTC') as hour, feature_id, provider_id, model_id,
                       coalesce(deployment, '') as deployment, coalesce(service_tier, '') as service_tier, model_alias_id,
                       count(*) as requests, sum(input_tokens) as input_tokens,
                       sum(cached_input_tokens) as cached_input_tokens, sum(output_tokens) as output_tokens,
                       coalesce(sum(gpu_seconds), 0) as gpu_seconds
                from old_rows
                group by 1, 2, 3, 4, 5, 6, 7, 8)
            update usage_hourly h set
                requests            = h.requests - g.requests,
                input_tokens        = h.input_tokens - g.input_tokens,
                cached_input_tokens = h.cached_input_tokens - g.cached_input_tokens,
                output_tokens       = h.output_tokens - g.output_tokens,
                gpu_seconds         = h.gpu_seconds - g.gpu_seconds
            from gone g
            where h.tenant_id = g.tenant_id and h.hour = g.hour and h.feature_id = g.feature_id
              and h.provider_id = g.provider_id and h.model_id = g.model_id
              and h.deployment = g.deployment and h.service_tier = g.service_tier and h.model_alias_id = g.model_alias_id;

            delete from usage_hourly where requests = 0;

            {(withExecutions ? Executions : "")}
            {(withTags ? UsageTagRollupSql.Removed : "")}
            return null;
        end $$;
        """;

    private const string Executions = $"""
            delete from usage_trace_hourly t
             using (select distinct tenant_id, trace_id from old_rows where trace_id is not null) x
             where t.tenant_id = x.tenant_id and t.trace_id = x.trace_id;
            insert into usage_trace_hourly ({Columns})
            {Summed}
            from token_usage u
            join (select distinct tenant_id, trace_id from old_rows where trace_id is not null) x on x.tenant_id = u.tenant_id and x.trace_id = u.trace_id
            {GroupBy};
        """;
}
