using System.Globalization;
using System.Text;
using SkiaSharp;

namespace FinOps.Infrastructure.Documents;

/// <summary>
/// The fonts documents are drawn with. Shipped with the app (DejaVu Sans, subset; licence beside it) so output never
/// depends on the machine: a small "core" cut (Latin) that nearly every document needs, an "extended" cut (Greek,
/// Cyrillic, more Latin) embedded only when a document uses it, then any fallback font files configured or found
/// on the machine for other scripts. A character no font has is drawn as a box and reported, never dropped silently.
/// </summary>
public sealed class DocumentFonts : IDisposable
{
    /// <summary>Where fallback fonts for other scripts (CJK, Arabic, Hebrew, Indic…) are commonly installed on Debian.</summary>
    public static readonly string[] DefaultFallbackFiles =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ];

    private readonly SKTypeface[] _regular;
    private readonly SKTypeface[] _bold;
    private readonly Lazy<SKTypeface[]> _fallbacks;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int CodePoint, SKTypeface[] Chain), SKTypeface?> _chosen = new();

    public DocumentFonts(IEnumerable<string>? fallbackFiles = null)
    {
        _regular = [Bundled("DejaVuSans-Core.ttf"), Bundled("DejaVuSans-Extended.ttf")];
        _bold = [Bundled("DejaVuSans-Bold-Core.ttf"), Bundled("DejaVuSans-Bold-Extended.ttf")];
        var files = (fallbackFiles ?? DefaultFallbackFiles).ToList();
        // Fallbacks are opened only when a document needs a character the bundled fonts lack.
        _fallbacks = new Lazy<SKTypeface[]>(() => files.Where(File.Exists).Select(f => SKTypeface.FromFile(f)).Where(t => t is not null).ToArray());
    }

    /// <summary>Splits text into runs each drawn with the first font that has its characters; unknown ones are noted in <paramref name="missing"/>.</summary>
    public IReadOnlyList<(string Text, SKTypeface Face)> Runs(string text, bool bold, ISet<int> missing)
    {
        var chain = bold ? _bold : _regular;
        var runs = new List<(string, SKTypeface)>();
        var current = new StringBuilder();
        SKTypeface? face = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var chosen = FaceFor(rune.Value, chain, missing);
            if (face is not null && !ReferenceEquals(chosen, face))
            {
                runs.Add((current.ToString(), face));
                current.Clear();
            }
            face = chosen;
            current.Append(rune.ToString());
        }
        if (face is not null && current.Length > 0) runs.Add((current.ToString(), face));
        return runs;
    }

    private SKTypeface FaceFor(int codePoint, SKTypeface[] chain, ISet<int> missing)
    {
        if (codePoint < 0x80 || Rune.IsWhiteSpace(new Rune(codePoint))) return chain[0];
        var face = _chosen.GetOrAdd((codePoint, chain), static (key, fonts) => fonts.Find(key.CodePoint, key.Chain), this);
        if (face is not null) return face;
        missing.Add(codePoint);
        return chain[0];
    }

    private SKTypeface? Find(int codePoint, SKTypeface[] chain)
    {
        foreach (var face in chain.Concat(_fallbacks.Value))
        {
            using var font = new SKFont(face);
            if (font.ContainsGlyph(codePoint)) return face;
        }
        return null;
    }

    public static string Describe(ISet<int> missing) =>
        $"{missing.Count} character(s) have no font on this machine and print as boxes " +
        $"({string.Join(", ", missing.Order().Take(5).Select(c => "U+" + c.ToString("X4", CultureInfo.InvariantCulture)))}); " +
        "install a font for that script (e.g. Debian's fonts-noto-cjk) or list its file in FINOPS_PDF_FALLBACK_FONTS";

    private static SKTypeface Bundled(string file)
    {
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream("FinOps.Fonts." + file)
                           ?? throw new InvalidOperationException($"the bundled font {file} is missing from the build");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"the bundled font {file} cannot be read");
    }

    public void Dispose()
    {
        foreach (var face in _regular.Concat(_bold)) face.Dispose();
        if (_fallbacks.IsValueCreated) foreach (var face in _fallbacks.Value) face.Dispose();
    }
}
