namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>The set-based merge of staged usage; each statement runs once per file, never per row.</summary>
internal static class UsageMergeSql
{
    /// <summary>Tenants, features, providers and models are created on first sight (SEMANTICS §2); partitions too.</summary>
    public const string ResolveDimensions = """
        insert into tenants (slug, display_name, created_at)
        select distinct tenant, tenant, now() from stage_usage where problem_reason is null
        on conflict (slug) do nothing;

        insert into features (slug, display_name, created_at)
        select distinct feature, feature, now() from stage_usage where problem_reason is null
        on conflict (slug) do nothing;

        insert into providers (slug, display_name, billing_day_offset_hours)
        select distinct provider, provider, 0 from stage_usage where problem_reason is null
        on conflict (slug) do nothing;

        -- A model name known as an alias resolves to its model; any other name becomes a model of its own,
        -- flagged as first seen in usage (it needs a price card).
        insert into models (provider_id, name, display_name, first_seen_in_usage)
        select distinct p.id, s.model, s.model, true
        from stage_usage s join providers p on p.slug = s.provider
        where s.problem_reason is null
          and not exists (select 1 from model_aliases a where a.provider_id = p.id and a.alias = lower(s.model))
        on conflict (provider_id, name) do nothing;

        select ensure_token_usage_partition(month)
        from (select distinct date_trunc('month', occurred_at, 'UTC')::date as month from stage_usage where problem_reason is null) months;
        """;

    /// <summary>Ids resolved, merged slugs followed to their survivor, and one row per (source, request id): the earliest line.</summary>
    public const string ResolveRows = """
        create temp table resolved_usage on commit drop as
        select s.line, s.source, s.request_id, s.occurred_at,
               coalesce(tm.into_tenant_id, t.id) as tenant_id,
               coalesce(fm.into_feature_id, f.id) as feature_id,
               p.id as provider_id, coalesce(a.model_id, m.id) as model_id,
               s.input_tokens, s.cached_input_tokens, s.output_tokens, s.latency_ms, s.status, s.service_tier,
               s.deployment, s.gpu_seconds, s.tags,
               row_number() over (partition by s.source, s.request_id order by s.line) as copy_number
        from stage_usage s
        join tenants t on t.slug = s.tenant
        left join tenant_merges tm on tm.from_tenant_id = t.id
        join features f on f.slug = s.feature
        left join feature_merges fm on fm.from_feature_id = f.id
        join providers p on p.slug = s.provider
        left join model_aliases a on a.provider_id = p.id and a.alias = lower(s.model)
        left join models m on m.provider_id = p.id and m.name = s.model
        where s.problem_reason is null;
        """;

    /// <summary>
    /// Classifies every resolved row as new, duplicate or conflicting; inserts the new ones (the key trigger and
    /// the rollup trigger fire once for the statement); lists conflicts in quarantine. Returns stored, duplicates, conflicts.
    /// </summary>
    public const string Merge = """
        with first_copies as (
            select r.* from resolved_usage r where r.copy_number = 1
        ),
        stored_before as (
            select f.line, u.file_id as stored_file_id,
                   (u.tenant_id, u.occurred_at, u.feature_id, u.provider_id, u.model_id, u.input_tokens, u.cached_input_tokens, u.output_tokens)
                   is distinct from
                   (f.tenant_id, f.occurred_at, f.feature_id, f.provider_id, f.model_id, f.input_tokens, f.cached_input_tokens, f.output_tokens) as differs
            from first_copies f
            join token_usage_keys k on k.source = f.source and k.request_id = f.request_id
            join token_usage u on u.tenant_id = k.tenant_id and u.occurred_at = k.occurred_at and u.id = k.usage_id
        ),
        repeated_in_file as (
            select r.line, f.line as first_line,
                   (r.tenant_id, r.occurred_at, r.feature_id, r.provider_id, r.model_id, r.input_tokens, r.cached_input_tokens, r.output_tokens)
                   is distinct from
                   (f.tenant_id, f.occurred_at, f.feature_id, f.provider_id, f.model_id, f.input_tokens, f.cached_input_tokens, f.output_tokens) as differs
            from resolved_usage r
            join first_copies f on f.source = r.source and f.request_id = r.request_id
            where r.copy_number > 1
        ),
        inserted as (
            insert into token_usage (tenant_id, occurred_at, source, request_id, feature_id, provider_id, model_id,
                                     input_tokens, cached_input_tokens, output_tokens, latency_ms, status, service_tier,
                                     deployment, gpu_seconds, tags, file_id)
            select f.tenant_id, f.occurred_at, f.source, f.request_id, f.feature_id, f.provider_id, f.model_id,
                   f.input_tokens, f.cached_input_tokens, f.output_tokens, f.latency_ms, f.status, f.service_tier,
                   f.deployment, f.gpu_seconds, f.tags, $1
            from first_copies f
            where not exists (select 1 from stored_before b where b.line = f.line)
            order by f.tenant_id, f.occurred_at
            returning 1
        ),
        conflicts as (
            insert into quarantined_rows (file_id, line_number, column_name, reason, raw_text)
            select $1, b.line, 'request_id',
                   'conflict: this request was first stored by file #' || coalesce(b.stored_file_id::text, '?') || ' with different content; the first copy is kept',
                   ''
            from stored_before b where b.differs
            union all
            select $1, d.line, 'request_id',
                   'conflict: line ' || d.first_line || ' of this file has the same request with different content; the first copy is kept',
                   ''
            from repeated_in_file d where d.differs
            returning 1
        )
        select (select count(*) from inserted),
               (select count(*) from stored_before) + (select count(*) from repeated_in_file),
               (select count(*) from conflicts);
        """;
}
