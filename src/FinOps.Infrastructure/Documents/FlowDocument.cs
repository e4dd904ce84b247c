using SkiaSharp;

namespace FinOps.Infrastructure.Documents;

public enum CellAlign { Left, Right }

/// <summary>A table column: its title, its share of the text width, and how its cells align.</summary>
public sealed record TableColumn(string Title, float Weight, CellAlign Align = CellAlign.Left);

/// <summary>
/// Our small document layer over SkiaSharp's PDF backend: text flows down pages with wrapping and page breaks, tables
/// break across pages repeating their header, and each page is decorated (header, "page N of M") once the page count
/// is known. Layout happens first (measuring with the same fonts), drawing after, so N of M is exact.
/// </summary>
public sealed class FlowDocument
{
    private const float LineSpacing = 1.3f;
    private readonly DocumentFonts _fonts;
    private readonly List<List<Action<SKCanvas>>> _pages = [[]];
    private readonly Dictionary<(SKTypeface, float), SKFont> _fontCache = [];
    private readonly HashSet<int> _missing = [];

    public FlowDocument(DocumentFonts fonts, float pageWidth, float pageHeight, float margin, float footerHeight)
    {
        _fonts = fonts;
        PageWidth = pageWidth;
        PageHeight = pageHeight;
        Margin = margin;
        Bottom = pageHeight - margin - footerHeight;
        Y = margin;
    }

    public float PageWidth { get; }
    public float PageHeight { get; }
    public float Margin { get; }
    public float Bottom { get; }
    public float Left => Margin;
    public float Width => PageWidth - 2 * Margin;
    public float Y { get; private set; }
    public int PageCount => _pages.Count;

    /// <summary>Characters no font could draw (reported with the document).</summary>
    public IReadOnlySet<int> Missing => _missing;

    public void Gap(float points) => Y += points;

    public void NewPage()
    {
        _pages.Add([]);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor.</summary>
    public void KeepTogether(float height)
    {
        if (Y + height > Bottom && Y > Margin) NewPage();
    }

    /// <summary>A paragraph wrapped to <paramref name="width"/> (the text width by default), starting at <paramref name="x"/>.</summary>
    public void Paragraph(string text, float size, bool bold = false, SKColor? color = null, float? x = null, float? width = null, CellAlign align = CellAlign.Left)
    {
        var left = x ?? Left;
        var lines = Wrap(text, size, bold, width ?? Width);
        foreach (var line in lines)
        {
            KeepTogether(size * LineSpacing);
            DrawLine(line, left, width ?? Width, Y + size, size, bold, color ?? SKColors.Black, align);
            Y += size * LineSpacing;
        }
    }

    /// <summary>Blocks side by side (e.g. the two parties), each a list of (text, size, bold); the cursor moves below the tallest.</summary>
    public void Columns(params (float X, float Width, IReadOnlyList<(string Text, float Size, bool Bold)> Lines)[] blocks)
    {
        var top = Y;
        var lowest = top;
        foreach (var (x, width, lines) in blocks)
        {
            var y = top;
            foreach (var (text, size, bold) in lines)
                foreach (var line in Wrap(text, size, bold, width))
                {
                    var baseline = y + size;
                    DrawLine(line, x, width, baseline, size, bold, SKColors.Black, CellAlign.Left);
                    y += size * LineSpacing;
                }
            lowest = Math.Max(lowest, y);
        }
        Y = lowest;
    }

    public void Rule(SKColor? color = null, float thickness = 0.6f)
    {
        var y = Y;
        var paint = color ?? new SKColor(0x66, 0x66, 0x66);
        Current.Add(c =>
        {
            using var p = new SKPaint { Color = paint, StrokeWidth = thickness, IsAntialias = true };
            c.DrawLine(Left, y, Left + Width, y, p);
        });
        Y += thickness + 2;
    }

    public void Image(byte[] png, float x, float y, float maxWidth, float maxHeight)
    {
        using var probe = SKImage.FromEncodedData(png);
        if (probe is null) return;
        var scale = Math.Min(maxWidth / probe.Width, maxHeight / probe.Height);
        var rect = SKRect.Create(x, y, probe.Width * scale, probe.Height * scale);
        Current.Add(c =>
        {
            using var image = SKImage.FromEncodedData(png);
            c.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Linear));
        });
    }

    /// <summary>A table that breaks across pages, repeating its header row on every page it continues on.</summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, float size, IReadOnlyList<string>? footer = null)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => c.Weight / total * Width).ToArray();
        const float pad = 3f;
        var headerCells = columns.Select(c => c.Title).ToList();
        var headerHeight = RowHeight(headerCells, widths, size, bold: true, pad);
        KeepTogether(headerHeight + size * LineSpacing * 2);
        DrawRow(headerCells, widths, columns, size, bold: true, pad, shade: true);
        foreach (var row in rows)
        {
            var height = RowHeight(row, widths, size, bold: false, pad);
            if (Y + height > Bottom)
            {
                NewPage();
                DrawRow(headerCells, widths, columns, size, bold: true, pad, shade: true);
            }
            DrawRow(row, widths, columns, size, bold: false, pad, shade: false);
        }
        if (footer is not null)
        {
            var height = RowHeight(footer, widths, size, bold: true, pad);
            if (Y + height > Bottom)
            {
                NewPage();
                DrawRow(headerCells, widths, columns, size, bold: true, pad, shade: true);
            }
            Rule();
            DrawRow(footer, widths, columns, size, bold: true, pad, shade: false);
        }
    }

    /// <summary>Draws every page: its laid-out content, then <paramref name="decorate"/> (page number, marks) with the page count known.</summary>
    public byte[] Write(SKDocumentPdfMetadata metadata, Action<FlowPage> decorate)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                foreach (var draw in _pages[i]) draw(canvas);
                decorate(new FlowPage(this, canvas, i + 1, _pages.Count));
                document.EndPage();
            }
            document.Close();
        }
        foreach (var font in _fontCache.Values) font.Dispose();
        _fontCache.Clear();
        return stream.ToArray();
    }

    /// <summary>Draws one line of text at a baseline now (used for page decorations).</summary>
    internal void DrawNow(SKCanvas canvas, string text, float x, float width, float baseline, float size, bool bold, SKColor color, CellAlign align) =>
        Draw(canvas, text, x, width, baseline, size, bold, color, align);

    public float Measure(string text, float size, bool bold)
    {
        var width = 0f;
        foreach (var (run, face) in _fonts.Runs(text, bold, _missing)) width += Font(face, size).MeasureText(run);
        return width;
    }

    public IReadOnlyList<string> Wrap(string text, float size, bool bold, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, size, bold) <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                // A word wider than the column is cut where it no longer fits (ids, e-mail addresses).
                while (line.Length > 1 && Measure(line, size, bold) > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], size, bold) > width) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    private List<Action<SKCanvas>> Current => _pages[^1];

    private float RowHeight(IReadOnlyList<string> cells, float[] widths, float size, bool bold, float pad) =>
        cells.Select((cell, i) => Wrap(cell, size, bold, widths[i] - 2 * pad).Count).DefaultIfEmpty(1).Max() * size * LineSpacing + 2 * pad;

    private void DrawRow(IReadOnlyList<string> cells, float[] widths, IReadOnlyList<TableColumn> columns, float size, bool bold, float pad, bool shade)
    {
        var height = RowHeight(cells, widths, size, bold, pad);
        var top = Y;
        if (shade)
        {
            var (left, width) = (Left, Width);
            Current.Add(c =>
            {
                using var fill = new SKPaint { Color = new SKColor(0xEE, 0xEE, 0xEE) };
                c.DrawRect(SKRect.Create(left, top, width, height), fill);
            });
        }
        var x = Left;
        for (var i = 0; i < cells.Count && i < widths.Length; i++)
        {
            var y = top + pad;
            foreach (var line in Wrap(cells[i], size, bold, widths[i] - 2 * pad))
            {
                DrawLine(line, x + pad, widths[i] - 2 * pad, y + size, size, bold, SKColors.Black, columns[i].Align);
                y += size * LineSpacing;
            }
            x += widths[i];
        }
        Y = top + height;
    }

    private void DrawLine(string text, float x, float width, float baseline, float size, bool bold, SKColor color, CellAlign align) =>
        Current.Add(c => Draw(c, text, x, width, baseline, size, bold, color, align));

    private void Draw(SKCanvas canvas, string text, float x, float width, float baseline, float size, bool bold, SKColor color, CellAlign align)
    {
        var runs = _fonts.Runs(text, bold, _missing);
        var cursor = align == CellAlign.Right ? x + width - runs.Sum(r => Font(r.Face, size).MeasureText(r.Text)) : x;
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        foreach (var (run, face) in runs)
        {
            var font = Font(face, size);
            canvas.DrawText(run, cursor, baseline, SKTextAlign.Left, font, paint);
            cursor += font.MeasureText(run);
        }
    }

    private SKFont Font(SKTypeface face, float size)
    {
        if (!_fontCache.TryGetValue((face, size), out var font)) _fontCache[(face, size)] = font = new SKFont(face, size) { Subpixel = true };
        return font;
    }
}

/// <summary>A page being decorated after layout: its number, the page count, and a canvas to draw on.</summary>
public sealed record FlowPage(FlowDocument Document, SKCanvas Canvas, int Number, int Count)
{
    public void Text(string text, float x, float width, float baseline, float size, bool bold, SKColor color, CellAlign align = CellAlign.Left) =>
        Document.DrawNow(Canvas, text, x, width, baseline, size, bold, color, align);
}
