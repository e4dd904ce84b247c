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
    /// <summary>Longest <c>format</c> or <c>source</c> field accepted (the source column holds 64 characters).</summary>
    private const int MaxFieldLength = 64;
    private const int MaxFileNameLength = 255;

    public static void MapIngestApi(this IEndpointRouteBuilder endpoints, IngestUploadOptions upload)
    {
        var api = endpoints.MapGroup("/api/ingest").RequireAuthorization(Policies.IngestWriter).WithTags("Ingest");

        api.MapPost("/", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SubmitFiles submit, ClaimsPrincipal user, CancellationToken ct) =>
            {
                // Scripts authenticate with an API key; a caller signed in by cookie (a browser) must also send the
                // form's antiforgery token, as every cookie-authenticated POST does.
                if (user.Identity?.AuthenticationType == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme
                    && !await antiforgery.IsRequestValidAsync(http))
                    return Results.Problem("A signed-in browser must send the page's antiforgery token; scripts use an API key.", statusCode: StatusCodes.Status400BadRequest);
                return await SubmitAsync(http.Request, submit, user, upload, ct);
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(upload.MaxBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = upload.MaxBytes })
            // No Accepts<> metadata: it would make routing refuse other content types before authentication and
            // this handler could answer (a script with a valid key got 401 instead of 415 and a reason).
            .Produces<BatchView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
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

    private static async Task<IResult> SubmitAsync(HttpRequest request, SubmitFiles submit, ClaimsPrincipal user, IngestUploadOptions upload, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Results.Problem("Send multipart/form-data with one or more files.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem($"The upload is larger than the limit of {upload.MaxUploadMegabytes:N0} MB (FINOPS_MAX_UPLOAD_MB); split the file or raise the limit.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // The multipart reader's own words ("Missing content-type boundary.", "Unexpected end of Stream…") name the cause.
            return Results.Problem($"The multipart body cannot be read: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        if (form.Files.Count == 0)
            return Results.Problem("The form holds no file.", statusCode: StatusCodes.Status400BadRequest);
        var format = form["format"].FirstOrDefault() is { Length: > 0 } f ? f : "auto";
        var source = form["source"].FirstOrDefault() is { Length: > 0 } s ? s : null;
        if (format.Length > MaxFieldLength || source?.Length > MaxFieldLength)
            return Results.Problem($"'format' and 'source' hold at most {MaxFieldLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        if (form.Files.FirstOrDefault(file => NameProblem(file.FileName) is not null) is { } badName)
            return Results.Problem(NameProblem(badName.FileName), statusCode: StatusCodes.Status400BadRequest);
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

    /// <summary>A file is named by its own name: no folders, no control characters, at most 255 characters.</summary>
    private static string? NameProblem(string name)
    {
        var shown = name.Length > 60 ? name[..60] + "…" : name;
        if (string.IsNullOrWhiteSpace(name)) return "A file part has no file name.";
        if (name.Length > MaxFileNameLength) return $"The file name '{shown}' is longer than {MaxFileNameLength} characters.";
        if (name.IndexOfAny(['/', '\\']) >= 0 || name.Contains("..", StringComparison.Ordinal)) return $"The file name '{shown}' is a path: send the file under its own name.";
        if (name.Any(char.IsControl)) return "The file name holds control characters.";
        return null;
    }
}
