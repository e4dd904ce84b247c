using FinOps.Application.Periods;
using FinOps.Domain.Periods;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Hosting;

/// <summary>A malformed flag value: the command was used wrongly (exit 2), and the message says how to write it.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>A <c>--period</c> flag becomes a <see cref="ChargePeriod"/> in the reporting time zone here, once, before any work.</summary>
public static class CliPeriod
{
    public static async Task<ChargePeriod> ParseAsync(this IServiceProvider services, string? text, CancellationToken cancellationToken)
    {
        var input = ReportingCalendar.Parse(text ?? "", await services.GetRequiredService<ReportingCalendar>().ZoneAsync(cancellationToken));
        return input.Period ?? throw new CliUsageException($"--period: {input.Problem}");
    }
}
