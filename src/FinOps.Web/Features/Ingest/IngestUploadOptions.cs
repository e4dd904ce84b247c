using System.ComponentModel.DataAnnotations;

namespace FinOps.Web.Features.Ingest;

/// <summary>The largest upload the REST ingest accepts (<c>FINOPS_MAX_UPLOAD_MB</c>, default 4,096 MB); beyond it, 413 with the limit.</summary>
public sealed class IngestUploadOptions
{
    public const string ConfigurationKey = "FINOPS_MAX_UPLOAD_MB";

    [Range(1, 1_048_576)]
    public int MaxUploadMegabytes { get; set; } = 4096;

    public long MaxBytes => MaxUploadMegabytes * 1024L * 1024L;
}
