using System.Security.Cryptography;
using System.Text;

namespace FinOps.Infrastructure.Ingest;

/// <summary>
/// The SHA-256 of a file, whether it is valid UTF-8 (or UTF-16 with a byte order mark), and whether it is text at
/// all — in one pass. A file that is something else is named for what it is (an archive, compressed, UTF-16 without
/// its byte order mark, whitespace only, a bare JSON value), so the refusal says the real cause.
/// </summary>
internal sealed record FileFingerprint(string Sha256, long Length, string? EncodingProblem, string? ContentProblem = null)
{
    public static async Task<FileFingerprint> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        string? problem = null;
        string? content = null;
        var onlyWhitespace = true;
        var head = new List<byte>(256);
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
                content = Sniff(buffer.AsSpan(0, read), checkUtf8);
                first = false;
            }
            if (onlyWhitespace)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
                    onlyWhitespace = false;
                    break;
                }
            }
            for (var i = 0; i < read && head.Count < 256; i++)
                if (buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) head.Add(buffer[i]);
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
        if (offset > 0 && onlyWhitespace) content ??= "the file holds only whitespace: no header row and no records";
        if (content is null && head.Count <= 5 && Encoding.UTF8.GetString(head.ToArray()) is "null" or "true" or "false")
            content = $"the file is the bare JSON value '{Encoding.UTF8.GetString(head.ToArray())}', not an export";
        return new FileFingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()), offset, problem, content);
    }

    /// <summary>What the first bytes say the file is, when it is not text FinOps reads.</summary>
    private static string? Sniff(ReadOnlySpan<byte> start, bool notUtf16WithBom)
    {
        if (start.StartsWith("PK\u0003\u0004"u8)) return "the file is a ZIP archive (an .xlsx workbook is one too), not CSV or JSON text: unpack it and send the CSV or JSON inside";
        if (start.Length >= 2 && start[0] == 0x1F && start[1] == 0x8B) return "the file is gzip-compressed, not CSV or JSON text: decompress it (gunzip) and send the text";
        if (start.StartsWith("%PDF"u8)) return "the file is a PDF document, not a CSV or JSON export";
        if (!notUtf16WithBom) return null;
        // UTF-16 without its byte order mark: in ASCII-range text every other byte is NUL.
        var sample = start[..Math.Min(start.Length, 4096)];
        if (sample.Length < 8) return null;
        int evenNul = 0, oddNul = 0;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenNul++;
            if (sample[i + 1] == 0) oddNul++;
        }
        var pairs = sample.Length / 2;
        if (oddNul > pairs * 0.4 && evenNul < pairs * 0.1 || evenNul > pairs * 0.4 && oddNul < pairs * 0.1)
            return "the file looks like UTF-16 text without a byte order mark (every other byte is NUL): save it as UTF-8 and send it again";
        return null;
    }
}
