using FinOps.Application.Allocation;
using FinOps.Application.Ingest;
using FinOps.Application.Usage;
using FinOps.Domain.Allocation;
using FinOps.Domain.Periods;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Usage;

/// <summary>
/// Raw requests older than the retention are dropped a month at a time; what finance relies on stays: a closed
/// period still exports its snapshot, an open one re-allocates from the rollup to the same lines, a late bill for a
/// closed month still becomes adjustments — and late usage for a dropped month is refused with the reason.
/// </summary>
public sealed class RawUsageRetentionTests : IngestTestBase
{
    private const string Usage = "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\n";
    private const string Costs = "start_time,end_time,amount_value,amount_currency,line_item\n";

    // Two years before today's real clock: far beyond the default 13 months, so they have expired.
    private static readonly ChargePeriod October = ChargePeriod.Of(2024, 10);
    private static readonly ChargePeriod November = ChargePeriod.Of(2024, 11);

    [Fact]
    public async Task Dropping_expired_raw_requests_keeps_statements_exports_and_late_bills_and_refuses_late_usage()
    {
        await IngestAsync(WriteFile("oct-usage.csv", Usage +
            "o-1,2024-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,1000,0\n" +
            "o-2,2024-10-05T11:00:00Z,globex-bank,search,openai,gpt-4o,3000,0\n"));
        await IngestAsync(WriteFile("costs.csv", Costs +
            "2024-10-05T00:00:00Z,2024-10-06T00:00:00Z,10.00,usd,\"gpt-4o-2024-08-06, input\"\n" +
            "2024-11-05T00:00:00Z,2024-11-06T00:00:00Z,4.00,usd,\"gpt-4o-2024-08-06, input\"\n"));
        await IngestAsync(WriteFile("nov-usage.csv", Usage +
            "n-1,2024-11-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,500,0\n" +
            "n-2,2024-11-06T10:00:00Z,globex-bank,search,openai,gpt-4o,1500,0\n"));
        var recent = DateTimeOffset.UtcNow.AddMonths(-1);
        await IngestAsync(WriteFile("recent-usage.csv", Usage + $"r-1,{recent:yyyy-MM}-10T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,0\n"));
        Assert.True((await Get<ClosePeriod>().HandleAsync(October, "test bill priced per request, known", "test", CancellationToken.None)).Closed);
        var closedBefore = await ClosedLinesAsync(October);
        var novemberBefore = await OpenLinesAsync(November);
        var rollupBefore = await RollupAsync();

        var dropped = await Get<ApplyRawUsageRetention>().HandleAsync("test", CancellationToken.None);

        // The two old months went (their partitions and keys), the recent one stayed; nothing else moved.
        Assert.Equal([new DateOnly(2024, 10, 1), new DateOnly(2024, 11, 1)], dropped.Select(d => d.Month));
        Assert.All(dropped, d => Assert.True(d.Bytes > 0));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from token_usage_keys"));
        Assert.Equal("none", await Database.ScalarAsync<string>("select coalesce(to_regclass('token_usage_2024_10')::text, 'none')"));
        Assert.Equal("2024-10-01|2|2024-11-01|2", await Database.ScalarAsync<string>(
            "select string_agg(month || '|' || requests, '|' order by month) from dropped_usage_months"));
        Assert.Equal(rollupBefore, await RollupAsync());
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'raw_usage.dropped'"));
        Assert.Empty(await Get<ApplyRawUsageRetention>().HandleAsync("test", CancellationToken.None));

        // The closed period exports its snapshot; the open one re-allocates from the rollup to the same lines.
        Assert.Equal(closedBefore, await ClosedLinesAsync(October));
        Assert.Equal(novemberBefore, await OpenLinesAsync(November));

        // The reconciliation drill-down still shows who used the window (from the rollup) and says why no requests are listed.
        var window = await Get<FinOps.Application.Reconciliation.GetWindowDetail>().HandleAsync("openai", "gpt-4o",
            new DateTimeOffset(2024, 10, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 10, 6, 0, 0, 0, TimeSpan.Zero), includeBills: true, CancellationToken.None);
        Assert.True(window.RawRequestsDropped);
        Assert.Empty(window.Samples);
        Assert.Equal([("acme-retail", 1000L), ("globex-bank", 3000L)], window.TopUsage.Select(u => (u.Tenant, u.InputTokens)).Order().ToList());

        // Late usage for a dropped month: refused whole, with the reason, and no partition comes back.
        var lateUsage = await IngestAsync(WriteFile("late-usage.csv", Usage +
            "o-3,2024-10-05T12:00:00Z,globex-bank,search,openai,gpt-4o,2000,0\n" +
            $"r-2,{recent:yyyy-MM}-11T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,0\n"));
        Assert.Equal(IngestResult.Rejected, lateUsage.Result);
        Assert.Contains("raw requests before 2024-12 were dropped by retention", lateUsage.Reason);
        Assert.Contains("2024-10-05", lateUsage.Reason);
        Assert.Equal("none", await Database.ScalarAsync<string>("select coalesce(to_regclass('token_usage_2024_10')::text, 'none')"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(rollupBefore, await RollupAsync());

        // A corrected bill for the closed month (it replaces the day's line) still re-allocates — by the rollup's
        // shares, 1:3 — as adjustments in November: October was 2.50 and 7.50, it is now 0.50 and 1.50.
        var lateBill = await IngestAsync(WriteFile("late-costs.csv", Costs + "2024-10-05T00:00:00Z,2024-10-06T00:00:00Z,2.00,usd,\"gpt-4o-2024-08-06, input\"\n"));
        Assert.Equal((IngestResult.Stored, 1L), (lateBill.Result, lateBill.SupersededLines));
        var adjustments = (await OpenLinesAsync(November)).Where(l => l.Type == LineType.Adjustment).Select(l => (l.Tenant, l.Amount)).Order().ToList();
        Assert.Equal([("acme-retail", -2.00m), ("globex-bank", -6.00m)], adjustments);
        Assert.Equal(closedBefore, await ClosedLinesAsync(October));

        var status = await Get<ManageRawUsageRetention>().GetAsync(CancellationToken.None);
        Assert.Equal((13, new DateOnly(2024, 12, 1)), (status.Months, status.RefusedBefore));
        Assert.Equal(2, status.Dropped.Count);
        Assert.Contains(status.Stored, s => s is { Requests: 1, Expired: false } && s.Month.Year == recent.Year && s.Month.Month == recent.Month);
    }

    [Fact]
    public async Task The_retention_is_bounded_and_audited()
    {
        var manage = Get<ManageRawUsageRetention>();

        Assert.Equal("raw requests must be kept between 1 and 120 months", await manage.SetAsync(0, "test", CancellationToken.None));
        Assert.NotNull(await manage.SetAsync(121, "test", CancellationToken.None));
        Assert.Null(await manage.SetAsync(24, "test", CancellationToken.None));

        Assert.Equal(24, (await manage.GetAsync(CancellationToken.None)).Months);
        Assert.Equal("13→24", await Database.ScalarAsync<string>(
            "select (details->>'OldMonths') || '→' || (details->>'NewMonths') from audit_log where action = 'raw_usage_retention.changed'"));
        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => Database.ExecuteAsync("update organisation_settings set raw_usage_retention_months = 0"));
    }

    private T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    private async Task<List<(string Key, decimal Amount, decimal Exact)>> ClosedLinesAsync(ChargePeriod period) =>
        (await Get<GetClosedStatements>().HandleAsync(period, null, CancellationToken.None))!.Value.Lines
            .Select(l => (l.LineKey, l.Amount, l.ExactAmount)).ToList();

    private async Task<List<(string Key, LineType Type, string Tenant, decimal Amount, decimal Exact)>> OpenLinesAsync(ChargePeriod period)
    {
        await Get<ComputeStatements>().HandleAsync(period, "test", CancellationToken.None);
        return (await Get<GetStatements>().HandleAsync(period, null, CancellationToken.None))!.Value.Lines
            .Select(l => (l.LineKey, l.LineType, l.Tenant, l.Amount, l.ExactAmount)).ToList();
    }

    private Task<string> RollupAsync() => Database.ScalarAsync<string>("""
        select coalesce(string_agg(concat_ws('|', tenant_id, hour, feature_id, model_id, requests, input_tokens, output_tokens), E'\n' order by tenant_id, hour), '')
        from usage_hourly
        """);
}
