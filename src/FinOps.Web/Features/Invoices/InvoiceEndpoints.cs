using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using FinOps.Application.Invoicing;
using FinOps.Application.Periods;
using FinOps.Application.Tenants;
using FinOps.Domain.Access;
using FinOps.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Features.Invoices;

/// <summary>
/// Invoices through the caller's scope: <c>GET /api/invoices?period=YYYY-MM[&amp;tenant=…]</c> (JSON list; drafts for
/// finance only), <c>GET /api/invoices/{number}.pdf</c> (an issued invoice or credit note, exactly as stored), and for
/// finance a draft's PDF and a ZIP of a period's documents.
/// </summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoicesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/invoices").WithTags("Invoices");
        api.MapGet("", ListAsync).RequireAuthorization(Policies.TenantReader).WithSummary("A period's invoices through the caller's tenant scope");
        api.MapGet("/{number}.pdf", PdfAsync).RequireAuthorization(Policies.TenantReader).WithSummary("An issued invoice's or credit note's PDF, as stored");
        api.MapGet("/drafts/{id:long}.pdf", DraftAsync).RequireAuthorization(Policies.FinanceAdmin).WithSummary("A draft invoice as it would print now");
        api.MapGet("/archive.zip", ArchiveAsync).RequireAuthorization(Policies.FinanceAdmin).WithSummary("Every document of a closed period in one ZIP");
    }

    private static bool IsFinance(ClaimsPrincipal user) => user.IsInRole(Roles.FinanceAdmin);

    private static async Task<Results<Ok<IReadOnlyList<InvoiceRow>>, ProblemHttpResult, ForbidHttpResult>> ListAsync(string? period, string? tenant, ClaimsPrincipal user,
        ReportingCalendar calendar, ListInvoices invoices, GetDisplayNames names, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        tenant = string.IsNullOrWhiteSpace(tenant) ? null : tenant.Trim();
        if (tenant is not null && !IsFinance(user) && !(await names.HandleAsync(ct)).Tenants.ContainsKey(tenant)) return TypedResults.Forbid();
        return TypedResults.Ok(await invoices.HandleAsync(parsed, tenant, issuedOnly: !IsFinance(user), user.Identity?.Name ?? "api", ct));
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> PdfAsync(string number, RenderInvoices documents, CancellationToken ct) =>
        await documents.IssuedAsync(number, ct) is { } file
            ? TypedResults.File(file.Pdf, "application/pdf", file.FileName)
            : TypedResults.NotFound(new ProblemDetails { Title = $"no invoice or credit note {number} that you may see" });

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> DraftAsync(long id, bool? inline, RenderInvoices documents, CancellationToken ct)
    {
        if (await documents.DraftAsync(id, ct) is not { } file) return TypedResults.NotFound(new ProblemDetails { Title = $"no draft invoice {id} (finalised already?)" });
        // Inline for the review pane, which shows it in the page; an attachment otherwise.
        return inline == true ? TypedResults.File(file.Pdf, "application/pdf") : TypedResults.File(file.Pdf, "application/pdf", file.FileName);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ArchiveAsync(string? period, ClaimsPrincipal user, ReportingCalendar calendar,
        RenderInvoices documents, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        var (refusal, files) = await documents.HandleAsync(parsed, null, user.Identity?.Name ?? "api", ct);
        if (refusal is not null) return TypedResults.Problem(refusal, statusCode: StatusCodes.Status409Conflict);
        return TypedResults.File(await InvoiceArchive.ZipAsync(files, ct), "application/zip", $"invoices-{parsed}.zip");
    }
}
