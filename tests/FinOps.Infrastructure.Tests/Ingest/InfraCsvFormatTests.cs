using FinOps.Domain.Infra;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Infra;

namespace FinOps.Infrastructure.Tests.Ingest;

public class InfraCsvFormatTests
{
    private const string Header = "pool,category,period_start,period_end,quantity,unit,unit_price,amount,currency,description";

    private static FinOps.Domain.Ingest.ParsedRow<FinOps.Domain.Ingest.InfraCostRecord> Parse(string row)
    {
        using var csv = CsvText.Open(Header + "\n" + row);
        return InfraCsvFormat.Read(csv, Currency.USD).Single();
    }

    [Fact]
    public void The_amount_is_quantity_times_unit_price_when_omitted()
    {
        var row = Parse("gpu-cluster-a,gpu_hours,2026-10-01,2026-11-01,720,hour,2.125,,USD,8 x H100");

        Assert.Null(row.Problem);
        Assert.Equal(1530m, row.Record!.Amount);
        Assert.Equal(InfraCostCategory.GpuHours, row.Record.Category);
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T00:00:00Z"), row.Record.PeriodEnd);
    }

    [Fact]
    public void A_stated_amount_is_kept_exactly()
    {
        var row = Parse("gpu-cluster-a,hardware_amortization,2025-01-01,2028-01-01,,,,360000.0000001,USD,");

        Assert.Equal(360000.0000001m, row.Record!.Amount);
    }

    [Theory]
    [InlineData(",power,2026-10-01,2026-11-01,,,,100,USD,", "pool", "a pool is required")]
    [InlineData("a,electricity,2026-10-01,2026-11-01,,,,100,USD,", "category", "'electricity' is not a category; use one of gpu_hours, power, cooling, ops_staff, hardware_amortization, network, other")]
    [InlineData("a,power,,2026-11-01,,,,100,USD,", "period_start", "a timestamp is required")]
    [InlineData("a,power,2026-10-01,2026-09-01,,,,100,USD,", "period_end", "the period ends (2026-09-01 00:00) before or when it starts (2026-10-01 00:00)")]
    [InlineData("a,power,2026-10-01,2026-10-01,,,,100,USD,", "period_end", "the period ends (2026-10-01 00:00) before or when it starts (2026-10-01 00:00)")]
    [InlineData("a,power,2026-10-01,2026-11-01,,,,100,EUR,", "currency", "EUR is not the organisation currency USD (FX conversion is planned)")]
    [InlineData("a,power,2026-10-01,2026-11-01,,,,100,XYZ,", "currency", "'XYZ' is not an ISO 4217 currency code")]
    [InlineData("a,power,2026-10-01,2026-11-01,,,,,USD,", "amount", "an amount is required, or quantity and unit_price to compute it")]
    [InlineData("a,power,2026-10-01,2026-11-01,,,,abc,USD,", "amount", "'abc' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("a,power,2026-10-01,2026-11-01,ten,kWh,0.2,,USD,", "quantity", "'ten' is not a number")]
    [InlineData("a,power,yesterday,2026-11-01,,,,100,USD,", "period_start", "'yesterday' is not an ISO-8601 timestamp")]
    [InlineData("a,power,2026-10-01,,,,,100,USD,", "period_end", "a timestamp is required")]
    [InlineData("a,,2026-10-01,2026-11-01,,,,100,USD,", "category", "a category is required: one of gpu_hours, power, cooling, ops_staff, hardware_amortization, network, other")]
    [InlineData("a,power,2026-10-01,2026-11-01,,,,100,,", "currency", "a currency is required")]
    [InlineData("a,power,2026-10-01,2026-11-01,1,kWh,x,,USD,", "unit_price", "'x' is not a number")]
    [InlineData("a,power,2026-10-01,2026-11-01,,,,\"1,000\",USD,", "amount", "'1,000' is not a number (use '.' as the decimal point, no thousands separators)")]
    public void Malformed_rows_name_their_column_and_reason(string row, string column, string reason)
    {
        var parsed = Parse(row);

        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }

    [Fact]
    public void A_bad_row_still_reports_its_cost_for_the_cost_threshold()
    {
        var parsed = Parse("a,power,2026-10-01,2026-11-01,,,,-250.5,EUR,");

        Assert.NotNull(parsed.Problem);
        Assert.Equal(250.5m, parsed.AbsoluteCost);
    }
}
