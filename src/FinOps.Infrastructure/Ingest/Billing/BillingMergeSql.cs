namespace FinOps.Infrastructure.Ingest.Billing;

/// <summary>
/// The set-based merge of staged billing lines (any billing format lands here once normalised), as statements run
/// in order in the file's transaction; each runs once per file, never per row.
/// </summary>
internal static class BillingMergeSql
{
    /// <summary>
    /// The model of an AI line: the longest alias (or model name) of its provider found as a whole name in its
    /// text. Used at ingest and again when finance adds an alias.
    /// </summary>
    public const string ModelLateral = """
        left join lateral (
                select candidates.model_id
                from (
                    select a.model_id, a.alias as name from model_aliases a where a.provider_id = p.id
                    union all
                    select m.id, lower(m.name) from models m where m.provider_id = p.id
                ) candidates
                where s.model_text is not null and strpos(s.model_text, candidates.name) > 0
                  -- a whole name: 'gpt-4o' matches 'gpt-4o, input', the snapshot 'gpt-4o-2024-08-06' and meters such as
                  -- 'claude3sonnet-input-tokens', but not 'gpt-4o-mini' (another model: unmapped until it has an alias)
                  and s.model_text ~ ('(^|[^a-z0-9])' || regexp_replace(candidates.name, '([.^$*+?()\[\]{}|\\-])', '\\\1', 'g') || '($|[^a-z0-9-]|-[0-9]|-(input|output|inp|outp|cache|cached|batch|priority|flex|standard|cross|global|glbl|tokens?)([^a-z0-9]|$))')
                order by length(candidates.name) desc
                limit 1
            ) resolved on true
        """;

    /// <summary>Current, unresolved AI lines of provider $1 get the model an alias now names.</summary>
    public const string ResolveUnmapped = $"""
        update billing_lines l set model_id = resolved.model_id
        from billing_lines s
        join providers p on p.id = s.provider_id
        {ModelLateral}
        where l.id = s.id and s.provider_id = $1 and s.model_id is null and s.superseded_by_file_id is null
          and s.model_text is not null and resolved.model_id is not null
        """;

    public const string Providers = """
        insert into providers (slug, display_name, billing_day_offset_hours)
        select distinct provider, provider, 0 from stage_billing where problem_reason is null
        on conflict (slug) do nothing
        """;

    public const string FindSuperseded = """
        -- The earlier files' current lines of every (provider, account, billing period) this file covers: replaced as a set.
        -- Only by a file of the same kind: a usage report (tokens) and a cost export of one period stand side by side.
        create temp table superseded_lines on commit drop as
        with scopes as (
            select distinct p.id as provider_id, s.billing_account, s.billing_period_start
            from stage_billing s join providers p on p.slug = s.provider
            where s.problem_reason is null)
        select l.id, l.file_id
        from billing_lines l
        join scopes c on c.provider_id = l.provider_id and c.billing_account = l.billing_account and c.billing_period_start = l.billing_period_start
        join ingestion_files earlier on earlier.id = l.file_id
        join ingestion_files this_file on this_file.id = $1 and this_file.kind = earlier.kind
        where l.superseded_by_file_id is null
        """;

    public const string SupersedeLines = """
        update billing_lines l set superseded_by_file_id = $1 from superseded_lines x where l.id = x.id
        """;

    public const string SupersedeFiles = """
        update ingestion_files f set status = 'Superseded', superseded_by_file_id = $1
        where f.id in (select distinct file_id from superseded_lines)
          and not exists (select 1 from billing_lines l where l.file_id = f.id and l.superseded_by_file_id is null)
        """;

    public const string InsertLines = $"""
        -- The model of an AI line: the longest alias (or model name) of its provider found, as a whole name, in its meter, SKU,
        -- description or resource text. No match leaves the model empty: an unmapped model, reported later.
        with inserted as (
            insert into billing_lines (file_id, line_number, natural_key, provider_id, billing_account, billing_period_start,
                                       billing_period_end, charge_period_start, charge_period_end, charge_category, service, sku,
                                       model_id, model_text, token_direction, quantity, unit, billed_cost, effective_cost, list_cost,
                                       currency, commitment_status, tags)
            select $1, s.line, s.natural_key, p.id, s.billing_account, s.billing_period_start, s.billing_period_end,
                   s.charge_period_start, s.charge_period_end, s.charge_category, s.service, s.sku,
                   resolved.model_id, s.model_text, s.token_direction, s.quantity, s.unit, s.billed_cost, s.effective_cost,
                   s.list_cost, s.currency, s.commitment_status, s.tags
            from stage_billing s
            join providers p on p.slug = s.provider
            {ModelLateral}
            where s.problem_reason is null
            order by s.line
            returning 1)
        select (select count(*) from inserted), (select count(*) from superseded_lines)
        """;

    public static readonly string[] InOrder = [Providers, FindSuperseded, SupersedeLines, SupersedeFiles];
}
