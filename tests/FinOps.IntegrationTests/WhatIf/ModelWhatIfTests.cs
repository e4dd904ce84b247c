using FinOps.Application.WhatIf;
using FinOps.Domain.Periods;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.WhatIf;

/// <summary>
/// The model what-if over stored usage. October: acme-retail/chat sends gpt-4o 1,000,000 input tokens (200,000 of them
/// cached) and 100,000 output; initech/search 500,000 input on gpt-4o. Repriced on gpt-4o-mini's card as the catalog holds
/// it, the expected costs are computed here from the stored cards.
/// </summary>
public sealed class ModelWhatIfTests : IngestTestBase
{
    private static readonly ChargePeriod October = ChargePeriod.Parse("2026-10");

    private async Task<ModelWhatIfAnswer> AskAsync(string model, string? provider, string? tenant)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GetModelWhatIf>().HandleAsync(October, model, provider, tenant, null, CancellationToken.None);
    }

    private async Task<(decimal In, decimal Cached, decimal Out)> CardAsync(string provider, string model)
    {
        var row = (await Database.RowsAsync($"""
            select c.input_per_m_tok, c.cached_input_per_m_tok, c.output_per_m_tok from price_cards c join models m on m.id = c.model_id join providers p on p.id = m.provider_id
            where p.slug = '{provider}' and m.name = '{model}' and c.model_alias_id is null and c.effective_from <= '2026-10-01' order by c.effective_from desc limit 1
            """)).Single();
        return ((decimal)row[0], (decimal)row[1], (decimal)row[2]);
    }

    [Fact]
    public async Task A_tenants_real_mix_is_repriced_on_the_target_card_with_its_cached_share_kept()
    {
        await IngestAsync(WriteFile("usage.csv", UsageHeader + "\n" +
            "a1,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,1000000,100000,200000\n" +
            "i1,2026-10-05T11:00:00Z,initech,search,openai,gpt-4o,500000,0,0\n"));
        var (now, mini) = (await CardAsync("openai", "gpt-4o"), await CardAsync("openai", "gpt-4o-mini"));

        var answer = await AskAsync("gpt-4o-mini", "openai", "acme-retail");

        Assert.Null(answer.Refusal);
        var row = Assert.Single(answer.Rows);
        Assert.Equal(("acme-retail", "openai", "gpt-4o", 1_000_000L, 200_000L, 100_000L), (row.Tenant, row.Provider, row.Model, row.InputTokens, row.CachedInputTokens, row.OutputTokens));
        Assert.Equal((800_000m * now.In + 200_000m * now.Cached + 100_000m * now.Out) / 1_000_000m, row.CurrentCost);
        Assert.Equal((800_000m * mini.In + 200_000m * mini.Cached + 100_000m * mini.Out) / 1_000_000m, row.WhatIfCost);
        Assert.True(row.Difference < 0m);
        Assert.Empty(row.Notes);
        // The whole organisation: both tenants' gpt-4o in one row.
        Assert.Equal(1_500_000L, Assert.Single((await AskAsync("gpt-4o-mini", "openai", null)).Rows).InputTokens);
    }

    [Fact]
    public async Task Self_hosting_runs_the_scopes_real_mix_and_busiest_hour_through_the_formulas()
    {
        await IngestAsync(WriteFile("usage.csv", UsageHeader + "\n" +
            "a1,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,720000,72000,0\n" +
            "a2,2026-10-05T11:00:00Z,acme-retail,chat,openai,gpt-4o,360000,36000,0\n" +
            "i1,2026-10-05T12:00:00Z,initech,search,openai,gpt-4o,9000000,0,0\n"));
        var now = await CardAsync("openai", "gpt-4o");
        await using var scope = Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<GetSelfHostWhatIf>().HandleAsync(October, "acme-retail", null,
            new FinOps.Domain.WhatIf.SelfHostAssumptions(2.50m, 10_000m, 1_000m, 0.5m), CancellationToken.None);

        Assert.Null(result.Refusal);
        Assert.Equal((1_080_000L, 108_000L), (result.InputTokens, result.OutputTokens));
        Assert.Equal((1_080_000m * now.In + 108_000m * now.Out) / 1_000_000m, result.CurrentCost);
        // 108 + 108 GPU-seconds = 0.06 GPU-hours of work, 0.12 paid at 50 %: 0.30; the 10:00 hour needs 144 s, one GPU.
        Assert.Equal(0.30m, result.Answer!.Cost);
        Assert.Equal(1, result.Answer.GpusAtPeak);
        var refused = await scope.ServiceProvider.GetRequiredService<GetSelfHostWhatIf>().HandleAsync(October, null, null,
            new FinOps.Domain.WhatIf.SelfHostAssumptions(2.50m, 0m, 1_000m, 1.5m), CancellationToken.None);
        Assert.Equal("the input throughput must be above 0 tokens per second per GPU; the utilisation 1.5 is outside (0, 1]", refused.Refusal);
    }

    [Fact]
    public async Task An_unknown_or_ambiguous_model_and_a_tenant_outside_the_scope_are_refused_with_the_reason()
    {
        Assert.Equal("model 'gpt-5-ultra' is not in the catalog (./finops models lists them)", (await AskAsync("gpt-5-ultra", null, null)).Refusal);
        Assert.StartsWith("model 'gpt-4o-mini' is sold by ", (await AskAsync("gpt-4o-mini", null, null)).Refusal);
        Assert.Equal("tenant 'nobody' is not one you may see", (await AskAsync("gpt-4o-mini", "openai", "nobody")).Refusal);
    }
}
