namespace FinOps.Migrations.Sql;

/// <summary>
/// Public list prices (USD per 1M tokens) of the seeded models as published by the vendors, as of 2025-11, effective
/// from 2024-01-01 so history can be priced. Organisations with negotiated prices import their own cards on top
/// (<c>./finops prices import</c>); a later card wins from its effective date. Frozen once released.
/// </summary>
internal static class ListPricesSql
{
    public const string Up = """
        insert into price_cards (model_id, effective_from, input_per_m_tok, cached_input_per_m_tok, output_per_m_tok, currency,
                                 batch_discount_pct, note, created_at, created_by)
        select m.id, timestamptz '2024-01-01 00:00:00+00', v.input, v.cached, v.output, 'USD', v.batch,
               'public list price as of 2025-11 (seeded; verify against your contract)', now(), 'seed'
        from (values
            ('openai', 'gpt-4o', 2.50, 1.25, 10.00, 50),
            ('openai', 'gpt-4o-mini', 0.15, 0.075, 0.60, 50),
            ('openai', 'gpt-4.1', 2.00, 0.50, 8.00, 50),
            ('openai', 'gpt-4.1-mini', 0.40, 0.10, 1.60, 50),
            ('openai', 'gpt-4.1-nano', 0.10, 0.025, 0.40, 50),
            ('openai', 'gpt-5', 1.25, 0.125, 10.00, 50),
            ('openai', 'gpt-5-mini', 0.25, 0.025, 2.00, 50),
            ('openai', 'gpt-5-nano', 0.05, 0.005, 0.40, 50),
            ('openai', 'o1', 15.00, 7.50, 60.00, 50),
            ('openai', 'o3', 2.00, 0.50, 8.00, 50),
            ('openai', 'o3-mini', 1.10, 0.55, 4.40, 50),
            ('openai', 'o4-mini', 1.10, 0.275, 4.40, 50),
            ('openai', 'text-embedding-3-large', 0.13, 0.13, 0, 50),
            ('openai', 'text-embedding-3-small', 0.02, 0.02, 0, 50),
            ('anthropic', 'claude-3-haiku', 0.25, 0.03, 1.25, 50),
            ('anthropic', 'claude-3-5-haiku', 0.80, 0.08, 4.00, 50),
            ('anthropic', 'claude-haiku-4-5', 1.00, 0.10, 5.00, 50),
            ('anthropic', 'claude-3-5-sonnet', 3.00, 0.30, 15.00, 50),
            ('anthropic', 'claude-3-7-sonnet', 3.00, 0.30, 15.00, 50),
            ('anthropic', 'claude-sonnet-4', 3.00, 0.30, 15.00, 50),
            ('anthropic', 'claude-sonnet-4-5', 3.00, 0.30, 15.00, 50),
            ('anthropic', 'claude-3-opus', 15.00, 1.50, 75.00, 50),
            ('anthropic', 'claude-opus-4', 15.00, 1.50, 75.00, 50),
            ('anthropic', 'claude-opus-4-1', 15.00, 1.50, 75.00, 50),
            ('aws-bedrock', 'claude-3-haiku', 0.25, 0.03, 1.25, 50),
            ('aws-bedrock', 'claude-3-sonnet', 3.00, 0.30, 15.00, 50),
            ('aws-bedrock', 'claude-3-5-sonnet', 3.00, 0.30, 15.00, 50),
            ('aws-bedrock', 'claude-3-7-sonnet', 3.00, 0.30, 15.00, 50),
            ('aws-bedrock', 'claude-sonnet-4', 3.00, 0.30, 15.00, 50),
            ('aws-bedrock', 'llama-3-70b', 2.65, 2.65, 3.50, 50),
            ('aws-bedrock', 'llama-3-1-70b', 0.72, 0.72, 0.72, 50),
            ('aws-bedrock', 'nova-micro', 0.035, 0.00875, 0.14, 50),
            ('aws-bedrock', 'nova-lite', 0.06, 0.015, 0.24, 50),
            ('aws-bedrock', 'nova-pro', 0.80, 0.20, 3.20, 50),
            ('aws-bedrock', 'titan-text-express', 0.20, 0.20, 0.60, 50),
            ('azure-openai', 'gpt-4o', 2.50, 1.25, 10.00, 50),
            ('azure-openai', 'gpt-4o-mini', 0.15, 0.075, 0.60, 50),
            ('azure-openai', 'gpt-4.1', 2.00, 0.50, 8.00, 50),
            ('azure-openai', 'gpt-4.1-mini', 0.40, 0.10, 1.60, 50),
            ('azure-openai', 'o3-mini', 1.10, 0.55, 4.40, 50),
            ('gcp-vertex', 'gemini-1.5-flash', 0.075, 0.01875, 0.30, 50),
            ('gcp-vertex', 'gemini-1.5-pro', 1.25, 0.3125, 5.00, 50),
            ('gcp-vertex', 'gemini-2.0-flash', 0.10, 0.025, 0.40, 50),
            ('gcp-vertex', 'gemini-2.5-flash', 0.30, 0.075, 2.50, 50),
            ('gcp-vertex', 'gemini-2.5-pro', 1.25, 0.31, 10.00, 50)
        ) as v(provider, model, input, cached, output, batch)
        join providers p on p.slug = v.provider
        join models m on m.provider_id = p.id and m.name = v.model
        on conflict (model_id, effective_from) do nothing;
        """;

    public const string Down = "delete from price_cards where created_by = 'seed';";
}
