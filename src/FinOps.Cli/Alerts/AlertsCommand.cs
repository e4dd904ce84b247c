using System.CommandLine;
using System.Globalization;
using FinOps.Application.Alerts;
using FinOps.Cli.Hosting;
using FinOps.Domain.Notifications;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Alerts;

/// <summary><c>finops alerts evaluate|list|ack</c>: every kind of alert in one table.</summary>
internal static class AlertsCommand
{
    public static Command Build()
    {
        var alerts = new Command("alerts", "Budget, burn-rate and reconciliation alerts: evaluate (replayed day by day), list, acknowledge.")
            .WithExamples("./finops alerts evaluate --period 2026-11", "./finops alerts list --period 2026-11 --format csv", "./finops alerts ack 42 --note \"known launch\"");
        alerts.Subcommands.Add(Evaluate());
        alerts.Subcommands.Add(List());
        alerts.Subcommands.Add(Ack());
        return alerts;
    }

    private static Command Evaluate()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Replay complete days up to this one, YYYY-MM-DD (default: the period's last day, or yesterday while it runs)" };
        var at = new Option<string?>("--at") { Description = "The burn-rate clock, ISO-8601 with offset (default: now); burn rates are checked when it falls in the period" };
        var evaluate = new Command("evaluate", "Evaluate budget alerts as if run at the end of each day in turn (crossed_on never depends on when this runs), and burn rates at one instant.")
        {
            period, asOf, at,
        };
        evaluate.WithExamples("./finops alerts evaluate --period 2026-11", "./finops alerts evaluate --period 2026-11 --at 2026-11-20T15:00:00Z");
        evaluate.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var day = CliDay.Parse("--as-of", parse.GetValue(asOf));
            if (day is { } d && (d < chargePeriod.FirstDay || d > chargePeriod.FirstDay.AddDays(chargePeriod.DayCount - 1)))
                throw new CliUsageException($"--as-of: {d:yyyy-MM-dd} is not a day of {chargePeriod}");
            DateTimeOffset? instant = null;
            if (parse.GetValue(at) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !HasOffset(text))
                    throw new CliUsageException($"--at: '{text}' is not an instant with an offset; write e.g. 2026-11-20T15:00:00Z");
                instant = parsed;
            }
            var result = await services.GetRequiredService<EvaluateAlerts>().HandleAsync(chargePeriod, day, instant, ct);
            await Console.Error.WriteLineAsync($"alerts {result.Period}: " + (result.Through is { } through ? $"replayed through {through:yyyy-MM-dd}" : "no complete day to replay") +
                                               (result.BurnRateChecked ? ", burn rates checked" : "") +
                                               $"; {result.Raised} raised, {result.Resolved} resolved, {result.Reopened} reopened");
            return ExitCodes.Done;
        });
        return evaluate;
    }

    private static Command List()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var kind = new Option<string?>("--kind") { Description = "Only this kind: budget_actual, burn_rate, reconciliation.mismatch, …" };
        var status = new Option<string?>("--status") { Description = "open | acknowledged | resolved (default: every status)" };
        status.AcceptOnlyFromAmong("open", "acknowledged", "resolved");
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var list = new Command("list", "The period's alerts: kind,tenant,feature,period,crossed_on,threshold,value,reference,score,status (fresh: budgets evaluated first).")
        {
            period, kind, status, format,
        };
        list.WithExamples("./finops alerts list --period 2026-11", "./finops alerts list --period 2026-11 --kind budget_actual --status open --format csv");
        list.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            // Fresh answers: the budgets are evaluated on today's data before they are listed.
            await services.GetRequiredService<EvaluateAlerts>().HandleAsync(chargePeriod, null, null, ct);
            AlertStatus? wanted = parse.GetValue(status) is { } s ? Enum.Parse<AlertStatus>(s, ignoreCase: true) : null;
            var alerts = await services.GetRequiredService<ListAlerts>().HandleAsync(chargePeriod.ToString(), parse.GetValue(kind), wanted, ct);
            var digits = FinOps.Domain.Money.Currency.FromCode(await services.GetRequiredService<ListAlerts>().CurrencyAsync(ct)).MinorDigits;
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("kind", "tenant", "feature", "period", "crossed_on", "threshold", "value", "reference", "score", "status", "id", "title");
                foreach (var a in alerts)
                {
                    csv.Text(a.Kind).Text(a.Tenant).Text(a.Feature).Text(a.Period);
                    if (a.CrossedOn is { } day) csv.Day(day); else csv.Text(null);
                    csv.Number(a.Threshold).Money(a.Value, digits).Money(a.Reference, digits).Number(a.Score).Text(a.Status.ToString().ToLowerInvariant()).Number(a.Id).Text(a.Title);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("id", "kind", "scope", "crossed on", "threshold", "value", "reference", "status");
                foreach (var a in alerts)
                    table.Row(a.Id.ToString(CultureInfo.InvariantCulture), a.Kind, a.Feature is null ? a.Tenant ?? "" : $"{a.Tenant}/{a.Feature}",
                        a.CrossedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", Text(a.Threshold, "0.##"), Text(a.Value, "0.00"), Text(a.Reference, "0.00"),
                        a.Status.ToString().ToLowerInvariant());
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return list;
    }

    private static Command Ack()
    {
        var id = new Argument<long>("ID") { Description = "The alert's id (alerts list shows it)" };
        var note = new Option<string>("--note") { Description = "Why it is fine, or what is being done (kept in the audit log)", Required = true };
        var ack = new Command("ack", "Acknowledge an alert with a note (audited); it stops notifying.") { id, note };
        ack.WithExamples("./finops alerts ack 42 --note \"launch week, expected\"");
        ack.SetHandler(async (parse, services, ct) =>
        {
            var outcome = await services.GetRequiredService<AcknowledgeAlert>().HandleAsync(parse.GetValue(id), parse.GetValue(note) ?? "", Environment.UserName, ct);
            switch (outcome)
            {
                case AcknowledgeOutcome.NotFound:
                    await Console.Error.WriteLineAsync($"alert {parse.GetValue(id)}: no such alert");
                    return ExitCodes.Refused;
                case AcknowledgeOutcome.NoteRequired:
                    throw new CliUsageException("--note: say why the alert is fine or what is being done");
                case AcknowledgeOutcome.AlreadyAcknowledged:
                    await Console.Error.WriteLineAsync($"alert {parse.GetValue(id)}: acknowledged already");
                    return ExitCodes.Done;
                default:
                    await Console.Error.WriteLineAsync($"alert {parse.GetValue(id)}: acknowledged");
                    return ExitCodes.Done;
            }
        });
        return ack;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:?\d\d$");

    private static string Text(decimal? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
