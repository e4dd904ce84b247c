namespace FinOps.Domain.Ingest;

/// <summary>
/// What a user reads about a file is one line of text: a parser's message may quote the file (newlines, NUL bytes,
/// a megabyte of one line), so it is folded to one line, stripped of control characters and cut to a readable length.
/// </summary>
public static class Messages
{
    public const int MaxLength = 500;

    public static string OneLine(string text)
    {
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (builder.Length > MaxLength) break;
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!space && builder.Length > 0) builder.Append(' ');
                space = true;
                continue;
            }
            builder.Append(c);
            space = false;
        }
        var line = builder.ToString().TrimEnd();
        return line.Length > MaxLength ? line[..MaxLength] + "…" : line;
    }

    /// <summary>Text kept for quarantine as it was, but without NUL bytes, which PostgreSQL text cannot hold.</summary>
    public static string Storable(string text) => text.Contains('\0') ? text.Replace('\0', '\uFFFD') : text;
}
