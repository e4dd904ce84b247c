using System.Security.Cryptography;
using System.Text;

namespace FinOps.Infrastructure.Ingest;

/// <summary>The SHA-256 of a file, and whether it is valid UTF-8 (or UTF-16 with a byte order mark), in one pass.</summary>
internal sealed record FileFingerprint(string Sha256, long Length, string? EncodingProblem)
{
    public static async Task<FileFingerprint> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        string? problem = null;
        var first = true;
        var checkUtf8 = true;
        long offset = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            if (first)
            {
                // UTF-16 files announce themselves; the CSV reader transcodes them.
                checkUtf8 = !(read >= 2 && (buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF));
                first = false;
            }
            if (checkUtf8 && problem is null)
            {
                try
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException e)
                {
                    problem = $"the file is not UTF-8 text (invalid byte near offset {offset + Math.Max(0, e.Index)}); save it as UTF-8 and send it again";
                }
            }
            offset += read;
        }
        return new FileFingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()), offset, problem);
    }
}
