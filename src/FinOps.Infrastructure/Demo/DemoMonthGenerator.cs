using System.Globalization;
using System.Text.Json;
using FinOps.Application.Demo;

namespace FinOps.Infrastructure.Demo;

/// <summary>
/// Writes one coherent demo month in real formats (<see cref="IDemoMonthGenerator"/>): the gateways' logs, every
/// vendor's export and the infra costs, plus <c>manifest.json</c> naming the injected faults and the windows
/// reconciliation must flag. The same period, size and seed give the same bytes.
/// </summary>
internal sealed class DemoMonthGenerator : IDemoMonthGenerator
{
    public const string ManifestFile = "manifest.json";

    public Task<DemoMonth> GenerateAsync(DemoMonthRequest request, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (request.Requests < 1_000) throw new ArgumentException("a demo month needs at least 1,000 requests", nameof(request));
        Directory.CreateDirectory(request.Folder);
        var traffic = new DemoTraffic(request.Year, request.Month, request.Requests, request.Seed, request.ThroughDay);
        var ledger = new DemoLedger(traffic);
        var losses = new Random(request.Seed ^ 0x5eed);
        long generated = 0, logged = 0;
        using (var logs = new DemoLogWriters(request.Folder))
        {
            foreach (var r in traffic.Generate())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lost = ledger.IsLost(r, losses);
                if (!lost)
                {
                    logs.Write(r);
                    logged++;
                }
                ledger.Record(r, logged: !lost);
                if (++generated % 50_000 == 0) progress?.Report(generated);
            }
            progress?.Report(generated);
            var bills = new DemoBillWriters(traffic, ledger, request.Folder);
            var files = new List<DemoFile>
            {
                new(DemoLogWriters.UsageFile, "usage-csv", logs.UsageRows),
                new(DemoLogWriters.OTelFile, "otel", logs.OTelRows),
                new(DemoLogWriters.LiteLlmFile, "litellm", logs.LiteLlmRows),
                new(DemoBillWriters.OpenAiCostsFile, "openai-costs", bills.WriteOpenAiCosts()),
                new(DemoBillWriters.AnthropicCostFile, "anthropic-cost", bills.WriteAnthropicCostReport()),
                new(DemoBillWriters.AnthropicUsageFile, "anthropic-usage", bills.WriteAnthropicUsageReport()),
                new(DemoBillWriters.CurFile, "aws-cur", bills.WriteCur()),
                new(DemoBillWriters.AzureFile, "azure-cost", bills.WriteAzure()),
                new(DemoBillWriters.FocusFile, "focus", bills.WriteFocus()),
                new(DemoBillWriters.InfraFile, "infra-csv", bills.WriteInfra()),
            };
            var cards = DemoCatalog.Models.Where(m => !m.SelfHosted)
                .Select(m => new FinOps.Application.Catalog.PriceCardRow(m.Provider, m.Model, traffic.Start, m.InputPrice, m.OutputPrice, m.CachedInputPrice, "USD", null, "demo month price"))
                .ToList();
            // Finance has mapped every team's OpenAI project but the shared one, from the month's first day.
            var keys = DemoCatalog.Workloads.Where(w => w.Model.Provider == "openai").Select(w => w.Tenant).Distinct()
                .Select(DemoCatalog.OpenAiProject).Where(p => p != DemoCatalog.SharedOpenAiProject).Distinct().Order(StringComparer.Ordinal)
                .Select((project, i) => new FinOps.Application.Billing.KeyMappingRow(i + 2, "openai", "openai_project", project,
                    DemoCatalog.Workloads.First(w => DemoCatalog.OpenAiProject(w.Tenant) == project).Tenant, null,
                    DateOnly.FromDateTime(traffic.Start.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            // The reserved deployments declared so that the month's use fills 60 % (the PTU) and 75 % (the provisioned model) of them.
            var minutes = (decimal)(traffic.Start.AddMonths(1) - traffic.Start).TotalMinutes;
            var firstDay = DateOnly.FromDateTime(traffic.Start.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            string Capacity(string deployment, decimal utilisation) =>
                decimal.Round(ledger.Reserved[deployment].Tokens / utilisation / minutes, 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var commitments = new List<FinOps.Application.Billing.CommitmentRow>();
            if (ledger.Reserved.ContainsKey(DemoCatalog.PtuDeployment))
                commitments.Add(new(2, "azure-openai", DemoCatalog.PtuDeployment, DemoCatalog.PtuDeployment, Capacity(DemoCatalog.PtuDeployment, DemoCatalog.PtuUtilisation), firstDay));
            if (ledger.Reserved.ContainsKey(DemoCatalog.ProvisionedDeployment))
                commitments.Add(new(3, "aws-bedrock", DemoCatalog.ProvisionedModelArn, DemoCatalog.ProvisionedDeployment,
                    Capacity(DemoCatalog.ProvisionedDeployment, DemoCatalog.ProvisionedUtilisation), firstDay));
            var month = new DemoMonth(request.Folder, Path.Combine(request.Folder, ManifestFile), generated, logged, files, cards)
            {
                KeyMappings = keys, Commitments = commitments,
            };
            WriteManifest(request, traffic, ledger, month);
            return Task.FromResult(month);
        }
    }

    private static void WriteManifest(DemoMonthRequest request, DemoTraffic traffic, DemoLedger ledger, DemoMonth month)
    {
        var day = (int d) => traffic.Start.AddDays(d - 1);
        var manifest = new
        {
            period = $"{request.Year:D4}-{request.Month:D2}",
            seed = request.Seed,
            requests = month.Requests,
            logged_requests = month.LoggedRequests,
            files = month.Files.Select(f => new { name = f.Name, format = f.Format, rows = f.Rows }),
            tenants = DemoCatalog.Workloads.Select(w => w.Tenant).Distinct().Order(),
            features = DemoCatalog.Workloads.Select(w => w.Feature).Distinct().Order(),
            price_cards = DemoCatalog.Models.Where(m => !m.SelfHosted).Select(m => new
            {
                provider = m.Provider, model = m.Model, effective_from = DemoLogWriters.Iso(traffic.Start), currency = "USD",
                input_per_1m = m.InputPrice, cached_input_per_1m = m.CachedInputPrice, output_per_1m = m.OutputPrice,
            }),
            billing_day_offsets = new Dictionary<string, int> { ["azure-openai"] = DemoLedger.AzureDayOffsetHours },
            pools = new[] { new { pool = "vllm-a100-pool", deployment = DemoCatalog.VllmLlama.Deployment, gpus = DemoCatalog.PoolGpus } },
            faults = new object[]
            {
                new { kind = "unlogged-traffic", provider = "openai", window_start = Iso(day(DemoLedger.UnloggedDay)), window_end = Iso(day(DemoLedger.UnloggedDay + 1)),
                      description = $"{DemoLedger.UnloggedShare:P0} of OpenAI requests that day never reached the logs; the vendor bills them" },
                new { kind = "wrong-price", provider = "anthropic", model = "claude-sonnet-4", window_start = Iso(day(DemoLedger.WrongPriceDay)), window_end = Iso(day(DemoLedger.WrongPriceDay + 1)),
                      description = $"billed at {DemoLedger.WrongPriceFactor}× the agreed price" },
                new { kind = "day-boundary-skew", provider = "azure-openai", offset_hours = DemoLedger.AzureDayOffsetHours,
                      description = "Azure closes its days at 08:00 UTC but labels them with the date; windows match once the provider's billing-day offset is 8 hours" },
                new { kind = "unmapped-alias", provider = "aws-bedrock", model = "mistral-large-2407", vendor_name = "MistralLarge2407",
                      description = "Bedrock bills the model as USE1-MistralLarge2407-*; no alias maps it until finance adds one (./finops models alias --provider aws-bedrock mistrallarge2407 mistral-large-2407)" },
                new { kind = "runaway-agent", tenant = DemoCatalog.RunawayTenant, feature = DemoCatalog.RunawayFeature,
                      window_start = Iso(day(DemoTraffic.RunawayDay).AddHours(2)), window_end = Iso(day(DemoTraffic.RunawayDay).AddHours(10)),
                      traces = traffic.LoopTraceIds, workflow = DemoTraffic.AgentWorkflow,
                      description = "agent runs loop, re-sending their growing context, for eight hours (4 % of the month's requests) in runs of hundreds of calls; logged and billed alike" },
                new { kind = "prompt-creep", feature = DemoCatalog.CreepingFeature, description = "from the 10th the prompts grow from 1× to 2.5× within a week, then stay; logged and billed alike" },
            },
            expected_windows = ledger.ExpectedWindows().Select(w => new
            {
                provider = w.Provider, model = w.Model, window_start = Iso(w.Start), window_end = Iso(w.End), offset_hours = w.OffsetHours,
                status = w.Status, fault = w.Fault,
            }),
            every_other_window = "matched",
        };
        File.WriteAllText(month.ManifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
