using System.IO.Compression;
using FinOps.Application.Invoicing;

namespace FinOps.Web.Features.Invoices;

/// <summary>A period's documents in one ZIP, one PDF per entry under its own file name (PDFs are compressed already: stored as they are).</summary>
public static class InvoiceArchive
{
    public static async Task<byte[]> ZipAsync(IReadOnlyList<InvoiceFile> files, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var zip = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
            foreach (var file in files)
            {
                var entry = zip.CreateEntry(file.FileName, CompressionLevel.NoCompression);
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(file.Pdf, cancellationToken);
            }
        return buffer.ToArray();
    }
}
