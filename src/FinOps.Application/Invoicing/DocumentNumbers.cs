using FinOps.Application.Abstractions;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>
/// The next number of a series, taken inside the caller's transaction: the year's counter row is updated under its
/// row lock, so concurrent finalisations queue on it and commit in number order, and a rolled-back transaction gives
/// its number back (a database sequence would leave a gap).
/// </summary>
internal static class DocumentNumbers
{
    public static async Task<DocumentNumber> NextAsync(IFinOpsDbContext db, DocumentSeries series, int year, CancellationToken cancellationToken)
    {
        var prefix = DocumentNumber.PrefixOf(series);
        await db.Database.ExecuteSqlAsync($"insert into document_counters (series, year, last) values ({prefix}, {year}, 0) on conflict do nothing", cancellationToken);
        var last = await db.Database.SqlQuery<int>($"update document_counters set last = last + 1 where series = {prefix} and year = {year} returning last as \"Value\"")
            .ToListAsync(cancellationToken);
        return new DocumentNumber(series, year, last.Single());
    }

    /// <summary>The organisation's calendar day of an instant: the issue date, and the year that numbers a document.</summary>
    public static async Task<DateOnly> LocalDayAsync(IFinOpsDbContext db, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        return zone.DayOf(at);
    }
}
