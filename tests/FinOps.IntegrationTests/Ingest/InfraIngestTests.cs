using FinOps.Application.Ingest;

namespace FinOps.IntegrationTests.Ingest;

public class InfraIngestTests : IngestTestBase
{
    private const string Header = "pool,category,period_start,period_end,quantity,unit,unit_price,amount,currency,description";

    [Fact]
    public async Task Infra_costs_are_stored_exactly_with_computed_amounts()
    {
        var csv = Header + "\n" +
                  "gpu-cluster-a,gpu_hours,2026-10-01,2026-11-01,5952,hour,2.125,,USD,8 x H100 for 31 days\n" +
                  "gpu-cluster-a,power,2026-10-15,2026-11-15,,,,1234.5678901,USD,\n" +
                  "gpu-cluster-a,hardware_amortization,2025-01-01,2028-01-01,,,,360000,USD,three-year life\n";

        var outcome = await IngestAsync(WriteFile("infra.csv", csv));

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal("infra-csv", outcome.Format);
        Assert.Equal(3L, outcome.RowsStored);
        Assert.Equal(12648m + 1234.5678901m + 360000m, await Database.ScalarAsync<decimal>("select sum(amount) from infra_costs"));
        Assert.Equal("GpuHours", await Database.ScalarAsync<string>("select category from infra_costs where line_number = 2"));
    }

    [Fact]
    public async Task A_bad_row_carrying_much_of_the_cost_rejects_the_file_even_under_the_row_limit()
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"pool-{i},other,2026-10-01,2026-11-01,,,,1,USD,\n"));
        var csv = Header + "\n" + rows + "pool-x,other,2026-10-01,2026-11-01,,,,50000,EUR,\n";

        var outcome = await IngestAsync(WriteFile("infra.csv", csv));

        Assert.Equal(IngestResult.Rejected, outcome.Result);
        Assert.Contains("of the file's cost", outcome.Reason);
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from infra_costs"));
    }
}
