using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Focus;
using FinOps.Testing;

namespace FinOps.Infrastructure.Tests.Ingest;

public class FocusCsvFormatTests
{
    public static string SamplePath => TestFiles.FocusSample;

    private const string Header =
        "BilledCost,EffectiveCost,ListCost,BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory," +
        "ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,ServiceCategory,SkuId,SkuMeter,ChargeDescription," +
        "PricingQuantity,PricingUnit,ConsumedQuantity,ConsumedUnit,x_Project";

    private static List<ParsedRow<BillingRecord>> Parse(params string[] rows)
    {
        using var csv = CsvText.Open(Header + "\n" + string.Join("\n", rows) + "\n");
        return FocusCsvFormat.Read(csv, Currency.USD).ToList();
    }

    [Fact]
    public void The_real_FOCUS_1_0_sample_parses_with_its_quirks()
    {
        Assert.True(File.Exists(SamplePath), $"the FOCUS sample is expected at {SamplePath}");
        using var stream = File.OpenRead(SamplePath);
        using var csv = FinOps.Infrastructure.Ingest.Csv.CsvTable.Open(stream);
        Assert.True(FocusCsvFormat.Matches(csv.Headers));

        var rows = FocusCsvFormat.Read(csv, Currency.USD).ToList();

        Assert.Equal(1000, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Problem));
        var records = rows.Select(r => r.Record!).ToList();
        Assert.Equal(["aws", "azure", "oracle"], records.Select(r => r.Provider).Distinct().Order());
        Assert.Contains(records, r => r.ChargeCategory == ChargeCategory.Credit && r.BilledCost < 0);
        Assert.Contains(records, r => r.Quantity < 0);
        Assert.Equal(DateTimeOffset.Parse("2024-09-18T22:00:00Z"), records[0].ChargePeriodStart);
        Assert.Contains("\"Id\":\"11472\"", records[0].Tags);
        Assert.Null(records[0].ModelText);
        Assert.All(records.Where(r => r.ModelText is not null), r => Assert.Equal("azure", r.Provider));
        Assert.Equal(records.Count, records.Select(r => r.NaturalKey).Distinct().Count());
    }

    [Fact]
    public void An_openai_input_line_in_1M_token_units_becomes_tokens_with_a_direction_and_model_text()
    {
        var row = Parse("1.25,1.25,1.25,org-1,USD,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,Usage,2026-10-05T00:00:00Z,2026-10-06T00:00:00Z," +
                        "OpenAI,OpenAI API,AI and Machine Learning,gpt-4o-2024-08-06,\"gpt-4o-2024-08-06, input\",,0.5,1M Tokens,,,proj_abc").Single();

        var r = row.Record!;
        Assert.Equal("openai", r.Provider);
        Assert.Equal(500_000m, r.Quantity);
        Assert.Equal("tokens", r.Unit);
        Assert.Equal(TokenDirection.Input, r.TokenDirection);
        Assert.Contains("gpt-4o-2024-08-06", r.ModelText);
        Assert.Contains("\"x_Project\":\"proj_abc\"", r.Tags);
    }

    [Theory]
    [InlineData("\"gpt-4o, cached input\"", "", "1000 Tokens", TokenDirection.CachedInput)]
    [InlineData("", "Claude Sonnet 4 Usage - Output Tokens", "Tokens", TokenDirection.Output)]
    [InlineData("", "Claude Sonnet 4 Usage - Cache Read Input Tokens", "Tokens", TokenDirection.CachedInput)]
    [InlineData("", "Claude Sonnet 4 Usage - Cache Write Input Tokens", "Tokens", TokenDirection.Input)]
    [InlineData("gpt-4o-0806-Inp-glbl Tokens", "", "1K tokens", TokenDirection.Input)]
    [InlineData("gpt 4o 0513 Output global Tokens", "", "1M", TokenDirection.None)]
    [InlineData("Batch usage", "", "1M Tokens", TokenDirection.Mixed)]
    public void Token_direction_comes_from_the_meter_words(string meter, string description, string unit, TokenDirection expected)
    {
        var row = Parse($"1,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,API,AI and Machine Learning,sku,{meter},{description},2,{unit},,,").Single();

        Assert.Equal(expected, row.Record!.TokenDirection);
    }

    [Fact]
    public void The_consumed_quantity_in_tokens_wins_over_the_pricing_quantity()
    {
        var row = Parse("1,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,API,AI and Machine Learning,sku,\"gpt-4o, output\",,0.123,1M Tokens,123456,Tokens,").Single();

        Assert.Equal(123_456m, row.Record!.Quantity);
    }

    [Theory]
    [InlineData("abc,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "BilledCost", "'abc' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,1,1,a,EUR,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "BillingCurrency", "EUR is not the organisation currency USD (FX conversion is planned)")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,Refund,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "ChargeCategory", "'Refund' is not a FOCUS charge category (Usage, Purchase, Tax, Credit, Adjustment)")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-06,2026-10-05,OpenAI,,,,,,,,,,", "ChargePeriodEnd", "the charge period ends before it starts")]
    [InlineData("1,1,1,,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "BillingAccountId", "a billing account is required")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,,,,,,,,,,,", "ProviderName", "a provider name is required")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,Usage,soon,2026-10-06,OpenAI,,,,,,,,,,", "ChargePeriodStart", "'soon' is not an ISO-8601 timestamp")]
    [InlineData("1,x,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "EffectiveCost", "'x' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,many,1M Tokens,,,", "PricingQuantity", "'many' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,1,cheap,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "ListCost", "'cheap' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,1,1,a,USD,x,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "BillingPeriodStart", "'x' is not an ISO-8601 timestamp")]
    [InlineData("1,1,1,a,USD,2026-11-01,2026-10-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "BillingPeriodEnd", "the billing period ends before or when it starts")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "ChargeCategory", "a charge category is required (Usage, Purchase, Tax, Credit, Adjustment)")]
    [InlineData("1,1,1,a,XYZ,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "BillingCurrency", "'XYZ' is not an ISO 4217 currency code")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,lots,Tokens,", "ConsumedQuantity", "'lots' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,later,OpenAI,,,,,,,,,,", "ChargePeriodEnd", "'later' is not an ISO-8601 timestamp")]
    [InlineData(",1,1,a,USD,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,OpenAI,,,,,,,,,,", "BilledCost", "a number is required")]
    public void Malformed_rows_name_their_column_and_reason(string row, string column, string reason)
    {
        var parsed = Parse(row).Single();

        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }
}
