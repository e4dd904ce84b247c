using System.Globalization;
using System.Text.Json;
using FinOps.Infrastructure.Export;

namespace FinOps.Infrastructure.Demo;

/// <summary>
/// The vendors' exports of the demo month, each in its own real format, written from the ledger's billed side:
/// OpenAI Costs API pages, Anthropic cost and usage reports, an AWS CUR 2.0 export for Bedrock, an Azure Cost
/// Management export, a FOCUS export of the AWS platform the gateways run on, and the vLLM pool's infra costs.
/// </summary>
internal sealed class DemoBillWriters(DemoTraffic traffic, DemoLedger ledger, string folder)
{
    public const string OpenAiCostsFile = "openai-costs.jsonl";
    public const string AnthropicCostFile = "anthropic-cost-report.json";
    public const string AnthropicUsageFile = "anthropic-usage-report.json";
    public const string CurFile = "aws-cur-bedrock.csv";
    public const string AzureFile = "azure-cost-export.csv";
    public const string FocusFile = "focus-aws-platform.csv";
    public const string InfraFile = "infra-costs.csv";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private IEnumerable<(DemoModel Model, int Day, DayTotals Totals)> BilledOf(string provider) =>
        ledger.Billed.Where(b => b.Key.Model.Provider == provider).OrderBy(b => b.Key.Day).ThenBy(b => b.Key.Model.Model)
            .Select(b => (b.Key.Model, b.Key.Day, b.Value));

    private DateTimeOffset DayStart(int day) => traffic.Start.AddDays(day);

    /// <summary>One page per week, daily buckets in Unix seconds, one result per project, model and direction; amounts in dollars.</summary>
    public long WriteOpenAiCosts()
    {
        var lines = 0L;
        using var output = DemoLogWriters.Open(Path.Combine(folder, OpenAiCostsFile));
        var snapshot = new Dictionary<string, string> { ["gpt-4o"] = "gpt-4o-2024-08-06", ["gpt-4o-mini"] = "gpt-4o-mini-2024-07-18" };
        var days = ledger.BilledByProject.OrderBy(b => b.Key.Day).ThenBy(b => b.Key.Model.Model).ThenBy(b => b.Key.Project, StringComparer.Ordinal)
            .Select(b => (b.Key.Model, b.Key.Day, b.Key.Project, Totals: b.Value)).GroupBy(b => b.Day).OrderBy(g => g.Key).ToList();
        var pages = days.Chunk(7).ToList();
        for (var p = 0; p < pages.Count; p++)
        {
            var buckets = pages[p].Select(day => new
            {
                @object = "bucket",
                start_time = DayStart(day.Key).ToUnixTimeSeconds(),
                end_time = DayStart(day.Key + 1).ToUnixTimeSeconds(),
                results = day.SelectMany(b => new[]
                {
                    ("input", b.Totals.Input, b.Totals.InputCost), ("cached input", b.Totals.CachedInput, b.Totals.CachedInputCost),
                    ("output", b.Totals.Output, b.Totals.OutputCost),
                }.Where(x => x.Item2 > 0).Select(x => new
                {
                    @object = "organization.costs.result",
                    amount = new { value = x.Item3, currency = "usd" },
                    line_item = $"{snapshot[b.Model.Model]}, {x.Item1}",
                    project_id = b.Project,
                    api_key_id = (string?)null,
                    quantity = x.Item2,
                    quantity_unit = "tokens",
                })).ToList(),
            }).ToList();
            lines += buckets.Sum(b => b.results.Count);
            output.Write(JsonSerializer.Serialize(new { @object = "page", data = buckets, has_more = p < pages.Count - 1, next_page = p < pages.Count - 1 ? $"page_{p + 2}" : null }));
            output.Write('\n');
        }
        return lines;
    }

    /// <summary>One document of daily buckets; amounts are decimal strings in cents, one line per token type.</summary>
    public long WriteAnthropicCostReport()
    {
        var buckets = BilledOf("anthropic").GroupBy(b => b.Day).OrderBy(g => g.Key).Select(day => new
        {
            starting_at = DemoLogWriters.Iso(DayStart(day.Key)),
            ending_at = DemoLogWriters.Iso(DayStart(day.Key + 1)),
            results = day.SelectMany(b => new[]
            {
                ("uncached_input_tokens", "Input Tokens", b.Totals.InputCost), ("cache_read_input_tokens", "Cache Read Input Tokens", b.Totals.CachedInputCost),
                ("output_tokens", "Output Tokens", b.Totals.OutputCost),
            }.Where(x => x.Item3 > 0).Select(x => new
            {
                currency = "USD",
                amount = (x.Item3 * 100m).ToString("0.##########", Invariant),
                workspace_id = (string?)null,
                description = $"{Display(b.Model)} Usage - {x.Item2}",
                cost_type = "tokens",
                context_window = "0-200k",
                model = b.Model.LogName,
                service_tier = "standard",
                token_type = x.Item1,
            })).ToList(),
        }).ToList();
        File.WriteAllText(Path.Combine(folder, AnthropicCostFile), JsonSerializer.Serialize(new { data = buckets, has_more = false, next_page = (string?)null }));
        return buckets.Sum(b => b.results.Count);
    }

    /// <summary>The token side of the Anthropic bill: the cost report states no quantities.</summary>
    public long WriteAnthropicUsageReport()
    {
        var buckets = BilledOf("anthropic").GroupBy(b => b.Day).OrderBy(g => g.Key).Select(day => new
        {
            starting_at = DemoLogWriters.Iso(DayStart(day.Key)),
            ending_at = DemoLogWriters.Iso(DayStart(day.Key + 1)),
            results = day.Select(b => new
            {
                uncached_input_tokens = b.Totals.Input,
                cache_read_input_tokens = b.Totals.CachedInput,
                cache_creation = new { ephemeral_5m_input_tokens = 0, ephemeral_1h_input_tokens = 0 },
                output_tokens = b.Totals.Output,
                server_tool_use = new { web_search_requests = 0 },
                api_key_id = "apikey_litellm",
                workspace_id = (string?)null,
                model = b.Model.LogName,
                service_tier = "standard",
                context_window = "0-200k",
            }).ToList(),
        }).ToList();
        File.WriteAllText(Path.Combine(folder, AnthropicUsageFile), JsonSerializer.Serialize(new { data = buckets, has_more = false, next_page = (string?)null }));
        return buckets.Sum(b => b.results.Count(r => r.uncached_input_tokens > 0) + b.results.Count(r => r.cache_read_input_tokens > 0) + b.results.Count(r => r.output_tokens > 0));
    }

    /// <summary>Bedrock lines per day, model and token type in 1K tokens, plus the month's tax.</summary>
    public long WriteCur()
    {
        using var output = DemoLogWriters.Open(Path.Combine(folder, CurFile));
        using var csv = CsvExport.To(output);
        csv.Header("identity_line_item_id", "identity_time_interval", "bill_payer_account_id", "bill_billing_period_start_date", "bill_billing_period_end_date",
            "line_item_usage_account_id", "line_item_line_item_type", "line_item_usage_start_date", "line_item_usage_end_date", "line_item_product_code",
            "line_item_usage_type", "line_item_operation", "line_item_resource_id", "line_item_usage_amount", "line_item_currency_code",
            "line_item_unblended_rate", "line_item_unblended_cost", "line_item_net_unblended_cost", "line_item_line_item_description",
            "line_item_iam_principal", "pricing_unit", "pricing_public_on_demand_cost", "resource_tags");
        var (periodStart, periodEnd) = (DemoLogWriters.Iso(traffic.Start), DemoLogWriters.Iso(traffic.Start.AddMonths(1)));
        var lines = 0L;
        var total = 0m;
        foreach (var (model, day, totals) in BilledOf("aws-bedrock"))
        {
            var meter = model == DemoCatalog.BedrockMistral ? "MistralLarge2407" : "Claude3Sonnet";
            var arn = model == DemoCatalog.BedrockMistral
                ? "arn:aws:bedrock:us-east-1::foundation-model/mistral.mistral-large-2407-v1:0"
                : "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0";
            foreach (var (suffix, tokens, cost, price) in new[]
                     {
                         ("input-tokens", totals.Input, totals.InputCost, model.InputPrice), ("output-tokens", totals.Output, totals.OutputCost, model.OutputPrice),
                         ("cache-read-input-token-count", totals.CachedInput, totals.CachedInputCost, model.CachedInputPrice),
                     })
            {
                if (tokens == 0) continue;
                var (start, end) = (DemoLogWriters.Iso(DayStart(day)), DemoLogWriters.Iso(DayStart(day + 1)));
                var rate = price / 1000m;
                csv.Text($"li-{++lines:D6}").Text($"{start}/{end}").Text("123456789012").Text(periodStart).Text(periodEnd).Text("210987654321")
                    .Text("Usage").Text(start).Text(end).Text("AmazonBedrock").Text($"USE1-{meter}-{suffix}").Text("InvokeModel").Text(arn)
                    .Number(tokens / 1000m).Text("USD").Number(rate).Number(cost).Number(cost)
                    .Text($"${rate.ToString("0.#####", Invariant)} per 1K {suffix.Replace('-', ' ')} for {meter} in US East (N. Virginia)")
                    .Text("arn:aws:iam::210987654321:role/app-gateway").Text("1K tokens").Number(cost).Text("{\"team\":\"platform\"}");
                csv.EndRow();
                total += cost;
            }
        }
        // The provisioned model: model units by the hour, one line a day, a fifth above what its usage would have cost at list prices.
        var provisioned = ledger.Reserved.GetValueOrDefault(DemoCatalog.ProvisionedDeployment);
        var days = (int)(traffic.Start.AddMonths(1) - traffic.Start).TotalDays;
        if (provisioned.ListCost > 0m)
        {
            var daily = decimal.Round(provisioned.ListCost * 1.2m / days, 2);
            for (var day = 0; day < days; day++)
            {
                var (start, end) = (DemoLogWriters.Iso(DayStart(day)), DemoLogWriters.Iso(DayStart(day + 1)));
                csv.Text($"li-{++lines:D6}").Text($"{start}/{end}").Text("123456789012").Text(periodStart).Text(periodEnd).Text("210987654321")
                    .Text("Usage").Text(start).Text(end).Text("AmazonBedrock").Text("USE1-ProvisionedThroughput-Claude3Sonnet-ModelUnits").Text("InvokeModel")
                    .Text(DemoCatalog.ProvisionedModelArn).Number(24m).Text("USD").Number(daily / 24m).Number(daily).Number(daily)
                    .Text("Provisioned throughput, 1 model unit of Claude 3 Sonnet in US East (N. Virginia)")
                    .Text("arn:aws:iam::210987654321:role/kyc-pipeline").Text("Hrs").Number(daily).Text("{\"team\":\"kyc\"}");
                csv.EndRow();
                total += daily;
            }
        }
        var tax = Math.Round(total * 0.0825m, 2);
        csv.Text($"li-{++lines:D6}").Text($"{periodStart}/{periodEnd}").Text("123456789012").Text(periodStart).Text(periodEnd).Text("210987654321")
            .Text("Tax").Text(periodStart).Text(periodEnd).Text("AmazonBedrock").Text("USE1-Tax").Text("").Text("").Number(1).Text("USD").Number(tax)
            .Number(tax).Number(tax).Text("Sales tax for Amazon Bedrock").Text("").Text("").Number(tax).Text("");
        csv.EndRow();
        return lines;
    }

    /// <summary>Azure OpenAI meters per (vendor) day in 1K blocks; Azure's day starts at 08:00 UTC, labelled with its date.</summary>
    public long WriteAzure()
    {
        using var output = DemoLogWriters.Open(Path.Combine(folder, AzureFile));
        using var csv = CsvExport.To(output);
        csv.Header("BillingAccountId", "BillingAccountName", "BillingPeriodStartDate", "BillingPeriodEndDate", "SubscriptionId", "Date", "ProductName",
            "MeterId", "MeterCategory", "MeterSubCategory", "MeterName", "Quantity", "EffectivePrice", "CostInBillingCurrency", "UnitPrice",
            "BillingCurrency", "ResourceLocation", "ConsumedService", "ResourceId", "ResourceName", "AdditionalInfo", "Tags", "UnitOfMeasure",
            "ChargeType", "ResourceGroup");
        var lines = 0L;
        var (first, last) = (traffic.Start.ToString("MM/dd/yyyy", Invariant), traffic.Start.AddMonths(1).AddDays(-1).ToString("MM/dd/yyyy", Invariant));
        foreach (var (model, day, totals) in BilledOf("azure-openai"))
        {
            foreach (var (meter, id, tokens, cost, price) in new[]
                     {
                         ("gpt-4o-0806-Inp-glbl Tokens", "m-inp", totals.Input, totals.InputCost, model.InputPrice),
                         ("gpt 4o 0806 cached Inp glbl", "m-cached", totals.CachedInput, totals.CachedInputCost, model.CachedInputPrice),
                         ("gpt 4o 0806 Outp glbl Tokens", "m-out", totals.Output, totals.OutputCost, model.OutputPrice),
                     })
            {
                if (tokens == 0) continue;
                csv.Text("8611537").Text("Demo Co").Text(first).Text(last).Text("64e355d7").Text(DayStart(day).ToString("MM/dd/yyyy", Invariant))
                    .Text("Azure OpenAI GPT-4o").Text(id).Text("Cognitive Services").Text("Azure OpenAI").Text(meter).Number(tokens / 1000m)
                    .Number(price / 1000m).Number(cost).Number(price / 1000m).Text("USD").Text("eastus2").Text("microsoft.cognitiveservices")
                    .Text("/subscriptions/64e355d7/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/demo-aoai").Text("demo-aoai")
                    .Text("{\"DeploymentName\":\"gpt4o-prod\"}").Text("{\"team\":\"platform\"}").Text("1K").Text("Usage").Text("ai");
                csv.EndRow();
                lines++;
            }
        }
        // The PTU deployment: 24 hours a day at a flat rate, a quarter above what its usage would have cost at list prices.
        var days = (int)(traffic.Start.AddMonths(1) - traffic.Start).TotalDays;
        if (ledger.PtuListCost > 0m)
            for (var day = 0; day < days; day++)
            {
                csv.Text("8611537").Text("Demo Co").Text(first).Text(last).Text("64e355d7").Text(DayStart(day).ToString("MM/dd/yyyy", Invariant))
                    .Text("Azure OpenAI Provisioned").Text("m-ptu").Text("Cognitive Services").Text("Azure OpenAI").Text("Provisioned Managed Throughput Unit").Number(24m)
                    .Number(PtuDailyCost / 24m).Number(PtuDailyCost).Number(PtuDailyCost / 24m).Text("USD").Text("eastus2").Text("microsoft.cognitiveservices")
                    .Text($"/subscriptions/64e355d7/resourceGroups/ai/providers/Microsoft.CognitiveServices/accounts/demo-aoai/deployments/{DemoCatalog.PtuDeployment}")
                    .Text(DemoCatalog.PtuDeployment).Text("").Text("{\"team\":\"clinical\"}").Text("1 Hour").Text("Usage").Text("ai");
                csv.EndRow();
                lines++;
            }
        return lines;
    }

    /// <summary>The PTU's flat daily cost (cents), from the list cost of what it served.</summary>
    public decimal PtuDailyCost => decimal.Round(ledger.PtuListCost * 1.25m / (decimal)(traffic.Start.AddMonths(1) - traffic.Start).TotalDays, 2);

    /// <summary>The AWS platform under the gateways (compute, storage, vector search, traffic): costs with no tokens.</summary>
    public long WriteFocus()
    {
        using var output = DemoLogWriters.Open(Path.Combine(folder, FocusFile));
        using var csv = CsvExport.To(output);
        csv.Header("BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory",
            "ChargeClass", "ChargeDescription", "ChargePeriodStart", "ChargePeriodEnd", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
            "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId",
            "ResourceId", "ResourceName", "ServiceCategory", "ServiceName", "SkuId", "SubAccountId", "SubAccountName", "Tags");
        (string Service, string Category, string Sku, string Unit, decimal PerDay, decimal UnitPrice)[] services =
        [
            ("Amazon Elastic Compute Cloud", "Compute", "EC2-m7i.2xlarge", "Hours", 96m, 0.4032m),
            ("Amazon Simple Storage Service", "Storage", "S3-Standard", "GB-Hours", 36_000m, 0.0000319m),
            ("Amazon OpenSearch Service", "Databases", "OS-r6g.large.search", "Hours", 72m, 0.167m),
            ("Amazon CloudFront", "Networking", "CF-DataTransfer-Out", "GB", 420m, 0.085m),
        ];
        var lines = 0L;
        var (periodStart, periodEnd) = (Focus(traffic.Start), Focus(traffic.Start.AddMonths(1)));
        for (var day = 0; day < traffic.Days; day++)
        {
            foreach (var s in services)
            {
                var cost = Math.Round(s.PerDay * s.UnitPrice, 6);
                csv.Number(cost).Text("123456789012").Text("Demo Co").Text("USD").Text(periodStart).Text(periodEnd).Text("Usage").Text(null)
                    .Text($"{s.Sku} for the LLM gateways").Text(Focus(DayStart(day))).Text(Focus(DayStart(day + 1))).Number(s.PerDay).Text(s.Unit)
                    .Number(cost).Number(cost).Text("Amazon Web Services, Inc.").Number(cost).Number(s.PerDay).Text(s.Unit).Text("AWS")
                    .Text("Amazon Web Services, Inc.").Text("us-east-1").Text($"arn:aws:demo:{s.Sku.ToLowerInvariant()}").Text(s.Sku)
                    .Text(s.Category).Text(s.Service).Text(s.Sku).Text("210987654321").Text("llm-platform").Text("{\"team\":\"platform\"}");
                csv.EndRow();
                lines++;
            }
        }
        return lines;
    }

    /// <summary>The vLLM pool's month: GPU hours, power, a share of the ops team and the hardware's amortisation.</summary>
    public long WriteInfra()
    {
        using var output = DemoLogWriters.Open(Path.Combine(folder, InfraFile));
        using var csv = CsvExport.To(output);
        csv.Header("pool", "category", "period_start", "period_end", "currency", "quantity", "unit", "unit_price", "amount", "description");
        var (start, end) = (DemoLogWriters.Iso(traffic.Start), DemoLogWriters.Iso(traffic.Start.AddMonths(1)));
        var hours = traffic.Days * 24m * DemoCatalog.PoolGpus;
        (string Category, decimal? Quantity, string? Unit, decimal? UnitPrice, decimal Amount, string Description)[] rows =
        [
            ("gpu_hours", hours, "GPU-hours", DemoCatalog.GpuHourPrice, hours * DemoCatalog.GpuHourPrice, "8× A100 80GB reserved in colo rack 4"),
            ("power", traffic.Days * 24m * 5.6m, "kWh", 0.14m, traffic.Days * 24m * 5.6m * 0.14m, "Rack 4 metered power"),
            ("ops_staff", null, null, null, 6_400m, "0.4 FTE platform SRE"),
            ("hardware_amortization", null, null, null, 3_125m, "DGX chassis, 36-month straight line"),
        ];
        foreach (var r in rows)
        {
            csv.Text("vllm-a100-pool").Text(r.Category).Text(start).Text(end).Text("USD");
            if (r.Quantity is { } q) csv.Number(q).Text(r.Unit).Number(r.UnitPrice!.Value);
            else csv.Text(null).Text(null).Text(null);
            csv.Number(r.Amount).Text(r.Description);
            csv.EndRow();
        }
        return rows.Length;
    }

    private static string Focus(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", Invariant);

    private static string Display(DemoModel model) => model == DemoCatalog.ClaudeSonnet4 ? "Claude Sonnet 4" : "Claude Haiku 3.5";
}
