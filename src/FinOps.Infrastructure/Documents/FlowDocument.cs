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
    private readonly List<List<PageOp>> _pages = [[]];
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
        Current.Add(new LineOp(Left, y, Left + Width, paint, thickness));
        Y += thickness + 2;
    }

    public void Image(byte[] png, float x, float y, float maxWidth, float maxHeight)
    {
        using var probe = SKImage.FromEncodedData(png);
        if (probe is null) return;
        var scale = Math.Min(maxWidth / probe.Width, maxHeight / probe.Height);
        Current.Add(new ImageOp(png, SKRect.Create(x, y, probe.Width * scale, probe.Height * scale)));
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
        Decorate(decorate);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            foreach (var page in _pages)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                foreach (var op in page) Draw(canvas, op);
                document.EndPage();
            }
            document.Close();
        }
        foreach (var font in _fontCache.Values) font.Dispose();
        _fontCache.Clear();
        return stream.ToArray();
    }

    /// <summary>
    /// The same pages as HTML, one fixed-size block per page with every text at its place: what a browser would have to
    /// print to give the same document (the invoice benchmark prints it with Chromium).
    /// </summary>
    public string ToHtml(string title, Action<FlowPage> decorate)
    {
        Decorate(decorate);
        return PageHtml.Write(title, PageWidth, PageHeight, _pages);
    }

    private bool _decorated;

    private void Decorate(Action<FlowPage> decorate)
    {
        if (_decorated) return;
        _decorated = true;
        for (var i = 0; i < _pages.Count; i++) decorate(new FlowPage(this, _pages[i], i + 1, _pages.Count));
    }

    private void Draw(SKCanvas canvas, PageOp op)
    {
        switch (op)
        {
            case TextOp t when t.Rotation != 0:
                canvas.Save();
                canvas.RotateDegrees(t.Rotation, PageWidth / 2, PageHeight / 2);
                Draw(canvas, t.Text, t.X, t.Width, t.Baseline, t.Size, t.Bold, t.Color, t.Align);
                canvas.Restore();
                break;
            case TextOp t:
                Draw(canvas, t.Text, t.X, t.Width, t.Baseline, t.Size, t.Bold, t.Color, t.Align);
                break;
            case LineOp l:
                using (var paint = new SKPaint { Color = l.Color, StrokeWidth = l.Thickness, IsAntialias = true }) canvas.DrawLine(l.X1, l.Y, l.X2, l.Y, paint);
                break;
            case RectOp r:
                using (var fill = new SKPaint { Color = r.Color }) canvas.DrawRect(r.Rect, fill);
                break;
            case ImageOp i:
                using (var image = SKImage.FromEncodedData(i.Png)) canvas.DrawImage(image, i.Rect, new SKSamplingOptions(SKFilterMode.Linear));
                break;
        }
    }

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

    private List<PageOp> Current => _pages[^1];

    private float RowHeight(IReadOnlyList<string> cells, float[] widths, float size, bool bold, float pad) =>
        cells.Select((cell, i) => Wrap(cell, size, bold, widths[i] - 2 * pad).Count).DefaultIfEmpty(1).Max() * size * LineSpacing + 2 * pad;

    private void DrawRow(IReadOnlyList<string> cells, float[] widths, IReadOnlyList<TableColumn> columns, float size, bool bold, float pad, bool shade)
    {
        var height = RowHeight(cells, widths, size, bold, pad);
        var top = Y;
        if (shade)
        {
            var (left, width) = (Left, Width);
            Current.Add(new RectOp(SKRect.Create(left, top, width, height), new SKColor(0xEE, 0xEE, 0xEE)));
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
        Current.Add(new TextOp(text, x, width, baseline, size, bold, color, align));

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

/// <summary>A page being decorated after layout: its number and the page count, to add text to (page numbers, marks).</summary>
public sealed class FlowPage(FlowDocument document, List<PageOp> ops, int number, int count)
{
    public FlowDocument Document { get; } = document;
    public int Number { get; } = number;
    public int Count { get; } = count;

    public void Text(string text, float x, float width, float baseline, float size, bool bold, SKColor color, CellAlign align = CellAlign.Left, float rotation = 0) =>
        ops.Add(new TextOp(text, x, width, baseline, size, bold, color, align, rotation));
}

/// <summary>What a laid-out page holds, recorded so it can be drawn to PDF or written as HTML alike.</summary>
public abstract record PageOp;

/// <param name="Rotation">Degrees around the page's centre (the DRAFT mark).</param>
public sealed record TextOp(string Text, float X, float Width, float Baseline, float Size, bool Bold, SKColor Color, CellAlign Align, float Rotation = 0) : PageOp;

public sealed record LineOp(float X1, float Y, float X2, SKColor Color, float Thickness) : PageOp;

public sealed record RectOp(SKRect Rect, SKColor Color) : PageOp;

public sealed record ImageOp(byte[] Png, SKRect Rect) : PageOp;
