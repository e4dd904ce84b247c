using System.Security.Claims;
using FinOps.Application.Ingest;
using FinOps.Application.Ingest.Channels;
using FinOps.Domain.Ingestion;
using FinOps.Infrastructure.Export;
using FinOps.Web.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace FinOps.Web.Features.Ingest;

/// <summary>
/// REST ingest for pipelines: <c>POST /api/ingest</c> (multipart: one or more <c>file</c> parts, optional
/// <c>format</c> and <c>source</c> fields) queues a batch and answers 202 with its id; <c>GET /api/ingest/{id}</c>
/// follows it to counts. Authenticated by an API key with the ingest scope (or a finance admin's sign-in).
/// </summary>
internal static class IngestEndpoints
{
    private const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;

    public static void MapIngestApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/ingest").RequireAuthorization(Policies.IngestWriter).WithTags("Ingest");

        api.MapPost("/", SubmitAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxUploadBytes })
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<BatchView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Queue files for ingest")
            .WithDescription("Multipart form: one or more files (any field name), optional 'format' (default auto) and 'source'. Answers 202 with the batch; follow it with GET /api/ingest/{id}.");

        api.MapGet("/{id:long}", async (long id, GetIngestBatch batches, CancellationToken ct) =>
                await batches.HandleAsync(id, ct) is { } batch ? Results.Ok(batch) : Results.NotFound())
            .Produces<BatchView>()
            .Produces(StatusCodes.Status404NotFound)
            .WithSummary("A batch's status and each file's counts");

        endpoints.MapGet("/api/ingest/files/{fileId:long}/quarantine.csv", async (long fileId, ListQuarantine quarantine, HttpResponse response, CancellationToken ct) =>
            {
                response.ContentType = "text/csv; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"file-{fileId}-quarantine.csv\"";
                await using var csv = CsvExport.To(response.Body);
                await QuarantineCsv.WriteAsync(csv, quarantine.HandleAsync(fileId, ct), ct);
            })
            .RequireAuthorization(Policies.FinanceAdmin)
            .WithTags("Ingest")
            .WithSummary("A file's quarantined rows as CSV");
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, SubmitFiles submit, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Results.Problem("Send multipart/form-data with one or more files.", statusCode: StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
            return Results.Problem("The form holds no file.", statusCode: StatusCodes.Status400BadRequest);
        var format = form["format"].FirstOrDefault() is { Length: > 0 } f ? f : "auto";
        var source = form["source"].FirstOrDefault() is { Length: > 0 } s ? s : null;
        var streams = form.Files.Select(file => (file, stream: file.OpenReadStream())).ToList();
        try
        {
            var batch = await submit.HandleAsync(IngestionChannel.Api, user.Identity?.Name ?? "api",
                streams.Select(x => new SubmittedFile(x.file.FileName, x.stream, format, source)).ToList(), ct);
            return Results.Accepted($"/api/ingest/{batch.BatchId}", new
            {
                batchId = batch.BatchId,
                status = "queued",
                files = batch.Files.Select(q => new { id = q.QueuedFileId, name = q.FileName, status = nameof(QueuedFileStatus.Queued) }),
            });
        }
        finally
        {
            foreach (var (_, stream) in streams) await stream.DisposeAsync();
        }
    }
}
