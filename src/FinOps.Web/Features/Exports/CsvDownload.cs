using System.Reflection;
using FinOps.Infrastructure.Export;
using Microsoft.AspNetCore.Http.Metadata;

namespace FinOps.Web.Features.Exports;

/// <summary>
/// A CSV answer written straight into the response as it is produced (constant memory, asynchronous writes), with
/// its content type and a file name; OpenAPI learns that the endpoint produces text/csv.
/// </summary>
public sealed class CsvDownload(string fileName, Func<CsvExport, CancellationToken, Task> write) : IResult, IEndpointMetadataProvider
{
    public string FileName { get; } = fileName;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = FileName, DispositionType = "attachment" }.ToString();
        await using var csv = CsvExport.To(response.Body);
        await write(csv, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));
}
