namespace FinOps.Infrastructure.Demo;

/// <summary>Tokens and cost of one provider × model × day, by direction (input means uncached input).</summary>
internal sealed class DayTotals
{
    public long Input, CachedInput, Output, Requests;
    public decimal InputCost, CachedInputCost, OutputCost;

    public decimal Cost => InputCost + CachedInputCost + OutputCost;
    public long Tokens => Input + CachedInput + Output;
}

/// <summary>
/// What the gateways logged and what the vendors bill, per provider × model × day, with the faults the demo injects
/// on purpose. The vendor exports are written from the billed side; the manifest compares both sides with the
/// rules of SEMANTICS §3 to say which windows reconciliation must flag.
/// </summary>
internal sealed class DemoLedger(DemoTraffic traffic)
{
    /// <summary>OpenAI's logs lose 15 % of this day's requests (a gateway outage): billed, never logged.</summary>
    public const int UnloggedDay = 12;
    public const double UnloggedShare = 0.15;

    /// <summary>Anthropic bills Claude Sonnet 4 on this day 50 % above the agreed price.</summary>
    public const int WrongPriceDay = 20;
    public const decimal WrongPriceFactor = 1.5m;

    /// <summary>Azure closes its billing days at 08:00 UTC (US Pacific midnight) but labels them with the date.</summary>
    public const int AzureDayOffsetHours = 8;

    public const string Unmapped = "(unmapped)";

    public Dictionary<(string Provider, string Model, int Day), DayTotals> Logged { get; } = [];
    public Dictionary<(string Provider, string Model, int Day), DayTotals> LoggedInVendorDays { get; } = [];
    public Dictionary<(DemoModel Model, int Day), DayTotals> Billed { get; } = [];

    /// <summary>OpenAI's billed side per project too: its cost export has one line per project, model, direction and day.</summary>
    public Dictionary<(DemoModel Model, int Day, string Project), DayTotals> BilledByProject { get; } = [];

    /// <summary>Tokens and list cost of the requests each reserved deployment served (billed by the hour, never by the token).</summary>
    public Dictionary<string, (long Tokens, decimal ListCost)> Reserved { get; } = [];

    public decimal PtuListCost => Reserved.GetValueOrDefault(DemoCatalog.PtuDeployment).ListCost;

    public bool IsLost(DemoRequest request, Random random) =>
        request.Workload.Model.Provider == "openai" && DayOf(request.OccurredAt) + 1 == UnloggedDay && random.NextDouble() < UnloggedShare;

    public void Record(DemoRequest request, bool logged)
    {
        var model = request.Workload.Model;
        if (model.SelfHosted) return;
        if (DemoCatalog.ReservedDeployment(request.Workload) is { } reserved)
        {
            // Reserved capacity: neither on a token bill nor reconciled against one.
            var (tokens, cost) = Reserved.GetValueOrDefault(reserved);
            Reserved[reserved] = (tokens + request.InputTokens + request.OutputTokens,
                cost + (request.UncachedInputTokens * model.InputPrice + request.CachedInputTokens * model.CachedInputPrice + request.OutputTokens * model.OutputPrice) / 1_000_000m);
            return;
        }
        var day = DayOf(request.OccurredAt);
        var vendorDay = model.Provider == "azure-openai" ? DayOf(request.OccurredAt.AddHours(-AzureDayOffsetHours)) : day;
        if (logged)
        {
            Add(Logged, (model.Provider, model.Model, day), request, model, 1m);
            Add(LoggedInVendorDays, (model.Provider, model.Model, vendorDay), request, model, 1m);
        }
        // A vendor day before the month belongs to last month's export.
        if (vendorDay < 0) return;
        var factor = model == DemoCatalog.ClaudeSonnet4 && vendorDay + 1 == WrongPriceDay ? WrongPriceFactor : 1m;
        Add(Billed, (model, vendorDay), request, model, factor);
        if (model.Provider == "openai") Add(BilledByProject, (model, vendorDay, DemoCatalog.OpenAiProject(request.Workload.Tenant)), request, model, factor);
    }

    private int DayOf(DateTimeOffset instant) => (int)Math.Floor((instant - traffic.Start).TotalDays);

    private static void Add<TKey>(Dictionary<TKey, DayTotals> totals, TKey key, DemoRequest request, DemoModel model, decimal priceFactor) where TKey : notnull
    {
        if (!totals.TryGetValue(key, out var day)) totals[key] = day = new DayTotals();
        day.Requests++;
        day.Input += request.UncachedInputTokens;
        day.CachedInput += request.CachedInputTokens;
        day.Output += request.OutputTokens;
        day.InputCost += request.UncachedInputTokens * model.InputPrice * priceFactor / 1_000_000m;
        day.CachedInputCost += request.CachedInputTokens * model.CachedInputPrice * priceFactor / 1_000_000m;
        day.OutputCost += request.OutputTokens * model.OutputPrice * priceFactor / 1_000_000m;
    }

    /// <summary>
    /// The status reconciliation must give every provider × model × day window that is not matched, with the
    /// provider's billing-day offset unset (as installed) and, for Azure, also with it set to 8 hours.
    /// </summary>
    public IEnumerable<ExpectedWindow> ExpectedWindows()
    {
        var billedByName = Billed.ToDictionary(
            b => (b.Key.Model.Provider, Model: b.Key.Model == DemoCatalog.BedrockMistral ? Unmapped : b.Key.Model.Model, b.Key.Day), b => b.Value);
        foreach (var window in Compare(Logged, billedByName, offsetHours: 0)) yield return window;
        var azureLogged = LoggedInVendorDays.Where(l => l.Key.Provider == "azure-openai").ToDictionary(l => l.Key, l => l.Value);
        var azureBilled = billedByName.Where(b => b.Key.Provider == "azure-openai").ToDictionary(b => b.Key, b => b.Value);
        foreach (var window in Compare(azureLogged, azureBilled, AzureDayOffsetHours)) yield return window;
    }

    private IEnumerable<ExpectedWindow> Compare(
        Dictionary<(string Provider, string Model, int Day), DayTotals> logged,
        Dictionary<(string Provider, string Model, int Day), DayTotals> billed, int offsetHours)
    {
        foreach (var key in logged.Keys.Union(billed.Keys).OrderBy(k => k.Provider).ThenBy(k => k.Model).ThenBy(k => k.Day))
        {
            var status = DemoReconciliationRule.StatusOf(logged.GetValueOrDefault(key), billed.GetValueOrDefault(key));
            if (status == "matched") continue;
            var start = traffic.Start.AddDays(key.Day).AddHours(offsetHours);
            yield return new ExpectedWindow(key.Provider, key.Model, start, start.AddDays(1), offsetHours, status, FaultOf(key, status));
        }
    }

    private string FaultOf((string Provider, string Model, int Day) key, string status) => key switch
    {
        { Provider: "openai" } when key.Day + 1 == UnloggedDay => "unlogged-traffic",
        { Provider: "anthropic", Model: "claude-sonnet-4" } when key.Day + 1 == WrongPriceDay => "wrong-price",
        { Provider: "azure-openai" } => "day-boundary-skew",
        { Provider: "aws-bedrock" } when key.Model is Unmapped or "mistral-large-2407" => "unmapped-alias",
        _ => status == "unbilled" ? "export-lag" : "none",
    };
}

/// <summary>A window reconciliation must flag, and the injected fault that explains it.</summary>
internal sealed record ExpectedWindow(string Provider, string Model, DateTimeOffset Start, DateTimeOffset End, int OffsetHours, string Status, string Fault);

/// <summary>SEMANTICS §3's status rule with its default tolerances, as the manifest's oracle.</summary>
internal static class DemoReconciliationRule
{
    public static string StatusOf(DayTotals? logged, DayTotals? billed)
    {
        var billedAny = billed is { Tokens: > 0 } || billed is { Cost: > 0 };
        var loggedAny = logged is { Tokens: > 0 };
        if (billedAny && !loggedAny) return "unlogged";
        if (loggedAny && !billedAny) return "unbilled";
        if (!billedAny) return "matched";
        var (l, b) = (logged!, billed!);
        // Directions the bill states; every demo bill splits cached from uncached input.
        var tokens = new (long Logged, long Billed)[] { (l.Input, b.Input), (l.CachedInput, b.CachedInput), (l.Output, b.Output) };
        if (tokens.Any(t => t.Billed != 0 && Math.Abs(t.Logged - t.Billed) > Math.Max(0.01m * t.Billed, 1000m))) return "mismatch";
        return Math.Abs(l.Cost - b.Cost) > Math.Max(0.01m * b.Cost, 0.01m) ? "mismatch" : "matched";
    }
}
