using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Azure;
using FinOps.Infrastructure.Ingest.Csv;
using FinOps.Infrastructure.Ingest.Cur;
using FinOps.Testing;

namespace FinOps.Infrastructure.Tests.Ingest;

public class VendorBillingFormatTests
{
    private static List<ParsedRow<BillingRecord>> ReadFile(string path, Func<CsvTable, IEnumerable<ParsedRow<BillingRecord>>> read)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvTable.Open(stream);
        return read(csv).ToList();
    }

    [Fact]
    public void A_bedrock_CUR_reads_token_lines_by_direction_in_tokens_and_keeps_other_costs()
    {
        using (var header = File.OpenRead(TestFiles.AwsCurBedrock))
        using (var csv = CsvTable.Open(header))
            Assert.True(CurCsvFormat.Matches(csv.Headers));

        var rows = ReadFile(TestFiles.AwsCurBedrock, csv => CurCsvFormat.Read(csv, Currency.USD));

        Assert.All(rows, r => Assert.Null(r.Problem));
        var lines = rows.Select(r => r.Record!).ToList();
        Assert.Equal(
            [TokenDirection.Input, TokenDirection.Output, TokenDirection.CachedInput, TokenDirection.Input, TokenDirection.Output, TokenDirection.None, TokenDirection.None],
            lines.Select(l => l.TokenDirection));
        Assert.Equal([1_500_000m, 300_000m, 800_000m, 1_000_000m, 100_000m], lines.Take(5).Select(l => l.Quantity!.Value));
        Assert.All(lines.Take(5), l => Assert.Equal("aws-bedrock", l.Provider));
        Assert.Equal("aws", lines[5].Provider);
        Assert.Equal(ChargeCategory.Tax, lines[6].ChargeCategory);
        Assert.Contains("claude3sonnet", lines[0].ModelText);
        Assert.Contains("\"iam_principal\":\"arn:aws:iam::210987654321:role/support-chat\"", lines[0].Tags);
        Assert.Contains("resource_tags", lines[0].Tags);
        Assert.Equal(4.5m + 4.5m + 0.24m + 1.5m + 1.5m + 2.304m + 1.0587m, lines.Sum(l => l.BilledCost));
    }

    [Fact]
    public void An_azure_export_reads_openai_meters_in_1K_and_1M_blocks_with_dates_as_azure_writes_them()
    {
        var rows = ReadFile(TestFiles.AzureCostOpenAi, csv => AzureCostCsvFormat.Read(csv, Currency.USD));

        Assert.All(rows, r => Assert.Null(r.Problem));
        var lines = rows.Select(r => r.Record!).ToList();
        Assert.Equal([TokenDirection.Input, TokenDirection.Output, TokenDirection.CachedInput, TokenDirection.None], lines.Select(l => l.TokenDirection));
        Assert.Equal([2_000_000m, 400_000m, 500_000m], lines.Take(3).Select(l => l.Quantity!.Value));
        Assert.Equal(DateTimeOffset.Parse("2026-10-05T00:00:00Z"), lines[0].ChargePeriodStart);
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T00:00:00Z"), lines[0].BillingPeriodEnd);
        Assert.Equal("azure-openai", lines[0].Provider);
        Assert.Equal("azure", lines[3].Provider);
        Assert.Contains("DeploymentName", lines[0].Tags);
        Assert.Equal(9.9343m, lines.Sum(l => l.BilledCost));
    }

    private const string CurHeader = "bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,line_item_line_item_type," +
                                     "line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_unblended_cost,line_item_currency_code,line_item_usage_type,line_item_usage_amount,pricing_unit";

    [Theory]
    [InlineData("1,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,AmazonBedrock,abc,USD,USE1-X-input-tokens,1,1K tokens", "line_item_unblended_cost", "'abc' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,2026-10-01,2026-11-01,Mystery,2026-10-05,2026-10-06,AmazonBedrock,1,USD,USE1-X-input-tokens,1,1K tokens", "line_item_line_item_type", "'Mystery' is not a CUR line item type FinOps knows")]
    [InlineData("1,2026-10-01,2026-11-01,Usage,2026-10-06,2026-10-05,AmazonBedrock,1,USD,USE1-X-input-tokens,1,1K tokens", "line_item_usage_end_date", "the usage ends before it starts")]
    [InlineData("1,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,AmazonBedrock,1,JPY,USE1-X-input-tokens,1,1K tokens", "line_item_currency_code", "JPY is not the organisation currency USD (FX conversion is planned)")]
    [InlineData("1,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,AmazonBedrock,1,USD,USE1-X-input-tokens,lots,1K tokens", "line_item_usage_amount", "'lots' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData(",2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,AmazonBedrock,1,USD,USE1-X-input-tokens,1,1K tokens", "bill_payer_account_id", "a payer account is required")]
    [InlineData("1,2026-10-01,2026-11-01,Usage,x,2026-10-06,AmazonBedrock,1,USD,USE1-X-input-tokens,1,1K tokens", "line_item_usage_start_date", "'x' is not an ISO-8601 timestamp")]
    [InlineData("1,x,2026-11-01,Usage,2026-10-05,2026-10-06,AmazonBedrock,1,USD,USE1-X-input-tokens,1,1K tokens", "bill_billing_period_start_date", "'x' is not an ISO-8601 timestamp")]
    [InlineData("1,2026-10-01,2026-11-01,Usage,2026-10-05,2026-10-06,AmazonBedrock,1,,USE1-X-input-tokens,1,1K tokens", "line_item_currency_code", "a currency is required")]
    public void Malformed_CUR_rows_name_their_column_and_reason(string row, string column, string reason)
    {
        using var csv = CsvText.Open(CurHeader + "\n" + row + "\n");
        var parsed = CurCsvFormat.Read(csv, Currency.USD).Single();

        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }

    private const string AzureHeader = "BillingAccountId,BillingPeriodStartDate,BillingPeriodEndDate,Date,MeterName,Quantity,UnitOfMeasure,CostInBillingCurrency,BillingCurrency,ConsumedService";

    [Theory]
    [InlineData("1,10/01/2026,10/31/2026,13/45/2026,gpt-4o-0806-Inp-glbl Tokens,1,1K,1,USD,microsoft.cognitiveservices", "Date", "'13/45/2026' is not a date (MM/dd/yyyy or yyyy-MM-dd)")]
    [InlineData("1,10/01/2026,10/31/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,1,1K,1,EUR,microsoft.cognitiveservices", "BillingCurrency", "EUR is not the organisation currency USD (FX conversion is planned)")]
    [InlineData("1,10/01/2026,10/31/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,1,100 Hours,1,USD,microsoft.cognitiveservices", "UnitOfMeasure", "'100 Hours' is not a token unit FinOps knows (1K, 1M, 1K Tokens, 1M Tokens)")]
    [InlineData("1,10/01/2026,10/31/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,x,1K,1,USD,microsoft.cognitiveservices", "Quantity", "'x' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,10/01/2026,10/31/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,1,1K,\"1,5\",USD,microsoft.cognitiveservices", "CostInBillingCurrency", "'1,5' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1,10/31/2026,10/01/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,1,1K,1,USD,microsoft.cognitiveservices", "BillingPeriodEndDate", "the billing period ends before it starts")]
    [InlineData(",10/01/2026,10/31/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,1,1K,1,USD,microsoft.cognitiveservices", "BillingAccountId", "a billing account is required")]
    [InlineData("1,10/01/2026,10/31/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,1,1K,1,,microsoft.cognitiveservices", "BillingCurrency", "a currency is required")]
    public void Malformed_Azure_rows_name_their_column_and_reason(string row, string column, string reason)
    {
        using var csv = CsvText.Open(AzureHeader + "\n" + row + "\n");
        var parsed = AzureCostCsvFormat.Read(csv, Currency.USD).Single();

        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }

    [Fact]
    public void An_azure_provisioned_meter_is_the_llm_providers_commitment_named_by_its_resource_and_resource_tags_are_kept()
    {
        using var csv = CsvText.Open("BillingAccountId,BillingPeriodStartDate,BillingPeriodEndDate,Date,MeterName,MeterCategory,Quantity,UnitOfMeasure,CostInBillingCurrency," +
                                     "BillingCurrency,ResourceName,Tags\n" +
                                     "1,10/01/2026,10/31/2026,10/05/2026,Provisioned Managed Throughput Unit,Cognitive Services,24,1 Hour,100.00,USD,ptu-east,\"{\"\"team\"\": \"\"search\"\"}\"\n" +
                                     "1,10/01/2026,10/31/2026,10/05/2026,Standard D2 v3,Virtual Machines,24,1 Hour,5.00,USD,vm-1,\n");

        var rows = AzureCostCsvFormat.Read(csv, Currency.USD).Select(r => r.Record!).ToList();

        Assert.Equal(("azure-openai", "Used"), (rows[0].Provider, rows[0].CommitmentStatus));
        var tags = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(rows[0].Tags!)!;
        Assert.Equal("ptu-east", FinOps.Domain.Billing.Commitments.IdOf(tags));
        Assert.Contains(new FinOps.Domain.Billing.AttributionKey("azure-openai", "azure_tag:team", "search"), FinOps.Domain.Billing.AttributionKeys.FromTags("azure-openai", tags));
        Assert.Equal(("azure", (string?)null), (rows[1].Provider, rows[1].CommitmentStatus));
    }

    [Fact]
    public void The_openai_cost_csv_reads_line_items_as_model_and_direction_in_dollars()
    {
        var rows = ReadFile(TestFiles.OpenAiCosts, csv => FinOps.Infrastructure.Ingest.OpenAi.OpenAiCostCsvFormat.Read(csv, Currency.USD));

        Assert.All(rows, r => Assert.Null(r.Problem));
        var lines = rows.Select(r => r.Record!).ToList();
        Assert.Equal([TokenDirection.Input, TokenDirection.Output, TokenDirection.CachedInput, TokenDirection.Input], lines.Select(l => l.TokenDirection));
        Assert.All(lines, l => Assert.Equal(DateTimeOffset.Parse("2026-10-05T00:00:00Z"), l.ChargePeriodStart));
        Assert.All(lines, l => Assert.Equal(DateTimeOffset.Parse("2026-10-01T00:00:00Z"), l.BillingPeriodStart));
        Assert.Equal(2.3125m, lines.Sum(l => l.BilledCost));
        Assert.Equal("org-finops", lines[0].BillingAccount);
        Assert.Contains("proj_support", lines[0].Tags);
    }

    [Theory]
    [InlineData("1791158400,1791244800,$0.75,usd,\"gpt-4o, input\"", "amount_value", "'$0.75' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("1791158400,1791244800,0.75,eur,\"gpt-4o, input\"", "amount_currency", "EUR is not the organisation currency USD (FX conversion is planned)")]
    [InlineData("soon,1791244800,0.75,usd,\"gpt-4o, input\"", "start_time", "'soon' is not an ISO-8601 timestamp")]
    [InlineData("1791244800,1791158400,0.75,usd,\"gpt-4o, input\"", "end_time", "the row ends before it starts")]
    [InlineData("1791158400,1791244800,0.75,usd,", "line_item", "a line item is required")]
    [InlineData("1791158400,1791244800,0.75,,\"gpt-4o, input\"", "amount_currency", "a currency is required")]
    [InlineData(",1791244800,0.75,usd,\"gpt-4o, input\"", "start_time", "a timestamp is required")]
    public void Malformed_openai_cost_rows_name_their_column_and_reason(string row, string column, string reason)
    {
        using var csv = CsvText.Open("start_time,end_time,amount_value,amount_currency,line_item\n" + row + "\n");
        var parsed = FinOps.Infrastructure.Ingest.OpenAi.OpenAiCostCsvFormat.Read(csv, Currency.USD).Single();

        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }
}
