namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>The set-based merge of staged usage; each statement runs once per file, never per row.</summary>
internal static class UsageMergeSql
{
    /// <summary>Tenants, features, providers and models are created on first sight (SEMANTICS §2); partitions too.</summary>
    public const string ResolveDimensions = """
        -- One scan of the staged rows for the few distinct names; everything below reads this small table.
        create temp table stage_dimensions on commit drop as
        select distinct tenant, feature, provider, model, date_trunc('month', occurred_at, 'UTC')::date as month
        from stage_usage where problem_reason is null;

        insert into tenants (slug, display_name, created_at)
        select distinct tenant, tenant, now() from stage_dimensions
        on conflict (slug) do nothing;

        insert into features (slug, display_name, created_at)
        select distinct feature, feature, now() from stage_dimensions
        on conflict (slug) do nothing;

        insert into providers (slug, display_name, billing_day_offset_hours)
        select distinct provider, provider, 0 from stage_dimensions
        on conflict (slug) do nothing;

        -- A model name known as an alias resolves to its model; any other name becomes a model of its own,
        -- flagged as first seen in usage (it needs a price card).
        insert into models (provider_id, name, display_name, first_seen_in_usage)
        select distinct p.id, d.model, d.model, true
        from stage_dimensions d join providers p on p.slug = d.provider
        where not exists (select 1 from model_aliases a where a.provider_id = p.id and a.alias = lower(d.model))
        on conflict (provider_id, name) do nothing;

        select ensure_token_usage_partition(month) from (select distinct month from stage_dimensions) months;
        """;

    /// <summary>The ids of a staged row: merged slugs followed to their survivor, model names through aliases.</summary>
    private const string Resolved = """
        select s.line, s.source, s.request_id, s.occurred_at,
               coalesce(tm.into_tenant_id, t.id) as tenant_id,
               coalesce(fm.into_feature_id, f.id) as feature_id,
               p.id as provider_id, coalesce(a.model_id, m.id) as model_id, coalesce(a.id, 0) as model_alias_id,
               s.input_tokens, s.cached_input_tokens, s.output_tokens, s.latency_ms, s.status, s.service_tier,
               s.deployment, s.gpu_seconds, s.tags, s.trace_id, s.workflow
        from stage_usage s
        join tenants t on t.slug = s.tenant
        left join tenant_merges tm on tm.from_tenant_id = t.id
        join features f on f.slug = s.feature
        left join feature_merges fm on fm.from_feature_id = f.id
        join providers p on p.slug = s.provider
        left join model_aliases a on a.provider_id = p.id and a.alias = lower(s.model)
        left join models m on m.provider_id = p.id and m.name = s.model
        where s.problem_reason is null
        """;

    /// <summary>
    /// One insert of the first line of every (source, request id) not stored before, with its keys claimed and its
    /// hours added to the rollup in the same statement (<see cref="UsageSettleSql"/>). Answers the rows stored.
    /// </summary>
    public static readonly string Insert = UsageSettleSql.Settled($"""
        insert into token_usage (tenant_id, occurred_at, source, request_id, feature_id, provider_id, model_id, model_alias_id,
                                 input_tokens, cached_input_tokens, output_tokens, latency_ms, status, service_tier,
                                 deployment, gpu_seconds, tags, trace_id, workflow, file_id)
        select r.tenant_id, r.occurred_at, r.source, r.request_id, r.feature_id, r.provider_id, r.model_id, r.model_alias_id,
               r.input_tokens, r.cached_input_tokens, r.output_tokens, r.latency_ms, r.status, r.service_tier,
               r.deployment, r.gpu_seconds, r.tags, r.trace_id, r.workflow, $1
        from (select distinct on (source, request_id) * from ({Resolved}) x order by source, request_id, line) r
        where not exists (select 1 from token_usage_keys k where k.source = r.source and k.request_id = r.request_id)
        {UsageSettleSql.Returning}
        """);

    /// <summary>
    /// Run only when some staged rows were not stored (duplicates): those whose content differs from the stored
    /// copy — from an earlier file or an earlier line of this one — are conflicts, listed in quarantine.
    /// </summary>
    public static readonly string Conflicts = $"""
        insert into quarantined_rows (file_id, line_number, column_name, reason, raw_text)
        select $1, r.line, 'request_id',
               case when u.file_id = $1
                    then 'conflict: an earlier line of this file has the same request with different content; the first copy is kept'
                    else 'conflict: this request was first stored by file #' || coalesce(u.file_id::text, '?') || ' with different content; the first copy is kept'
               end,
               ''
        from ({Resolved}) r
        join token_usage_keys k on k.source = r.source and k.request_id = r.request_id
        join token_usage u on u.tenant_id = k.tenant_id and u.occurred_at = k.occurred_at and u.id = k.usage_id
        where (u.tenant_id, u.occurred_at, u.feature_id, u.provider_id, u.model_id, u.input_tokens, u.cached_input_tokens, u.output_tokens)
              is distinct from
              (r.tenant_id, r.occurred_at, r.feature_id, r.provider_id, r.model_id, r.input_tokens, r.cached_input_tokens, r.output_tokens)
        order by r.line
        """;

    public const string CountGood = "select count(*) from stage_usage where problem_reason is null";
}
