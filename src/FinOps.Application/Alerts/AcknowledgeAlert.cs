using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Alerts;

public enum AcknowledgeOutcome { Acknowledged, AlreadyAcknowledged, NotFound, NoteRequired }

/// <summary>
/// Someone has seen an alert and says why it is fine or what is being done: the note is kept and audited, and the
/// alert stops notifying. An alert outside the caller's scope is not found, exactly as if it did not exist.
/// </summary>
public sealed class AcknowledgeAlert(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public const int MaxNote = 2000;

    public async Task<AcknowledgeOutcome> HandleAsync(long id, string note, string actor, CancellationToken cancellationToken)
    {
        note = note.Trim();
        if (note.Length == 0) return AcknowledgeOutcome.NoteRequired;
        if (note.Length > MaxNote) note = note[..MaxNote];
        await using var db = await contexts.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var alert = await db.Alerts.FromSql($"select * from alerts where id = {id} for update").SingleOrDefaultAsync(cancellationToken);
        if (alert is null) return AcknowledgeOutcome.NotFound;
        if (alert.AcknowledgedAt is not null) return AcknowledgeOutcome.AlreadyAcknowledged;
        var now = clock.GetUtcNow();
        alert.AcknowledgedAt = now;
        alert.AcknowledgedBy = actor;
        alert.AcknowledgementNote = note;
        if (alert.Status == AlertStatus.Open) alert.Status = AlertStatus.Acknowledged;
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "alert.acknowledged", EntityType = "alert", EntityId = alert.Key,
            Details = JsonSerializer.Serialize(new { id, kind = alert.Kind, tenant = alert.Tenant, feature = alert.Feature, period = alert.Period, note }),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AcknowledgeOutcome.Acknowledged;
    }
}
