using FinOps.Application.Ingest;

namespace FinOps.Application.Demo;

public sealed record DemoMonthLoad(DemoMonth Month, IReadOnlyList<IngestOutcome> Outcomes, Reconciliation.ReconciliationSummary Reconciliation);

/// <summary>
/// Generates a demo month, ingests every file of it through the one pipeline (logs first), loads its prices and
/// reconciles it. Loading the same month twice changes nothing: the generator writes the same bytes, and the
/// pipeline knows them.
/// </summary>
public sealed class LoadDemoMonth(Periods.ReportingCalendar calendar, IDemoMonthGenerator generator, IngestFile ingest, Catalog.ImportPriceCards prices, Reconciliation.RunReconciliation reconcile,
    Allocation.ManageRules rules, Allocation.ComputeStatements statements, Billing.ManageKeyMappings keys, Billing.ManageCommitments commitments)
{
    public async Task<DemoMonthLoad> HandleAsync(DemoMonthRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var month = await generator.GenerateAsync(request, null, cancellationToken);
        var outcomes = new List<IngestOutcome>();
        foreach (var file in month.Files)
            outcomes.Add(await ingest.HandleAsync(
                new IngestRequest(Path.Combine(month.Folder, file.Name), file.Format, UploadedBy: "demo"), progress, cancellationToken));
        // The demo's negotiated prices (a model only the logs name needs one), then the month reconciled as a nightly run would.
        var imported = await prices.HandleAsync(month.PriceCards.Select((c, i) => Domain.Ingest.ParsedRow<Catalog.PriceCardRow>.Good(i + 2, c, "")).ToList(), "demo", cancellationToken);
        if (imported.Refused) throw new InvalidOperationException($"demo price cards refused: {imported.Problems[0]}");
        // The AWS platform under the gateways is shared by everyone: by tokens, per tenant (without a rule it stays unallocated).
        var ruled = await rules.ImportAsync(DemoRules, "demo", cancellationToken);
        if (ruled.Problems.Count > 0) throw new InvalidOperationException($"demo rules refused: {ruled.Problems[0]}");
        // The teams' OpenAI projects, mapped as finance would (a later month maps them again from its own first day: harmless).
        if (month.KeyMappings.Count > 0 && (await keys.ImportAsync(month.KeyMappings, "demo", cancellationToken)).Problems is { Count: > 0 } refused)
            throw new InvalidOperationException($"demo key mappings refused: {refused[0]}");
        if (month.Commitments.Count > 0 && (await commitments.ImportAsync(month.Commitments, "demo", cancellationToken)).Problems is { Count: > 0 } declined)
            throw new InvalidOperationException($"demo commitments refused: {declined[0]}");
        var period = Domain.Periods.ChargePeriod.Of(request.Year, request.Month, await calendar.ZoneAsync(cancellationToken));
        var summary = await reconcile.HandleAsync(period, Domain.Reconciliation.WindowKind.Day, "demo", cancellationToken);
        await statements.HandleAsync(period, "demo", cancellationToken);
        return new DemoMonthLoad(month, outcomes, summary);
    }

    private const string DemoRules = """
        {"rules":[{"id":"demo-platform","pool":"vendor:aws","driver":"tokens","targets":"tenant","effective_from":"2024-01-01"}]}
        """;
}
