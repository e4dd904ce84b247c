using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Reconciliation;

/// <summary>Finance explains a flagged window; it stays visible but stops alerting. The note goes to the audit log.</summary>
public sealed class AcknowledgeWindow(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public async Task<string?> HandleAsync(string provider, string model, DateTimeOffset start, DateTimeOffset end, string note, string actor, CancellationToken cancellationToken)
    {
        note = note.Trim();
        if (note.Length is 0 or > 2000) return "a note of 1 to 2,000 characters says why the window is acceptable";
        await using var db = await contexts.CreateAsync(cancellationToken);
        var providerId = await db.Providers.Where(p => p.Slug == provider).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (providerId is null) return $"unknown provider '{provider}'";
        if (await db.WindowAcknowledgements.AnyAsync(a => a.ProviderId == providerId && a.Model == model && a.WindowStart == start && a.WindowEnd == end, cancellationToken))
            return "this window is acknowledged already";
        db.WindowAcknowledgements.Add(new WindowAcknowledgement
        {
            ProviderId = providerId.Value, Model = model, WindowStart = start, WindowEnd = end, Note = note, AcknowledgedBy = actor, AcknowledgedAt = clock.GetUtcNow(),
        });
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(), Actor = actor, Action = "reconciliation.acknowledged", EntityType = "reconciliation_window",
            EntityId = $"{provider}:{model}:{start.UtcDateTime:O}", Details = JsonSerializer.Serialize(new { provider, model, window_start = start, window_end = end, note }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
