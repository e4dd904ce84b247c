using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>The <c>invoice.finalised</c> webhook event: what a receiver needs to file the invoice or fetch its PDF.</summary>
public sealed record InvoiceFinalisedEvent(string Event, string Number, string Tenant, string Period, decimal Total, string Currency, DateOnly IssuedOn,
    DateOnly DueOn, string PdfSha256, string Pdf, DateTimeOffset CreatedAt);

/// <summary>The <c>credit_note.issued</c> webhook event: the note, the invoice it reverses, why, and the draft that replaces it.</summary>
public sealed record CreditNoteIssuedEvent(string Event, string Number, string Credits, string Tenant, string Period, decimal Total, string Currency,
    DateOnly IssuedOn, string Reason, bool Reissued, string PdfSha256, string Pdf, DateTimeOffset CreatedAt);

/// <summary>
/// Issued documents told to every enabled webhook endpoint, signed like alerts. The deliveries are written in the
/// issuing transaction (an event exists exactly when its document does) and handed to the sender once it commits.
/// </summary>
public static class DocumentEvents
{
    public const string InvoiceFinalised = "invoice.finalised";
    public const string CreditNoteIssued = "credit_note.issued";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The PDF's address under the API, relative to the app's base URL.</summary>
    public static string PdfLink(string number) => $"/api/invoices/{number}.pdf";

    /// <summary>Adds one delivery per enabled endpoint to the context (saved with the caller's changes); returns them to enqueue after commit.</summary>
    public static async Task<IReadOnlyList<WebhookDelivery>> AddAsync<T>(IFinOpsDbContext db, string name, T payload, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).Select(e => e.Id).ToListAsync(cancellationToken);
        var body = JsonSerializer.Serialize(payload, Json);
        var deliveries = endpoints.Select(id => new WebhookDelivery { EndpointId = id, Event = name, Payload = body, CreatedAt = at }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        return deliveries;
    }
}
