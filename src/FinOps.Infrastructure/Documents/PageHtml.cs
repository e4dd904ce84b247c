using System.Globalization;
using System.Net;
using System.Text;
using SkiaSharp;

namespace FinOps.Infrastructure.Documents;

/// <summary>Laid-out pages as print-ready HTML: one page-sized block each, every text, rule and fill at its place (points).</summary>
internal static class PageHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(string title, float width, float height, IReadOnlyList<List<PageOp>> pages)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title><style>")
            .Append($"@page {{ size: {P(width)} {P(height)}; margin: 0 }} body {{ margin: 0; font-family: 'DejaVu Sans', sans-serif; }} ")
            .Append($".page {{ position: relative; width: {P(width)}; height: {P(height)}; overflow: hidden; page-break-after: always; }} ")
            .Append(".t { position: absolute; white-space: pre; line-height: 1; } .r { position: absolute; }")
            .Append("</style></head><body>");
        foreach (var page in pages)
        {
            html.Append("<div class=\"page\">");
            foreach (var op in page)
            {
                switch (op)
                {
                    case TextOp t:
                        // The baseline sits about 0.76 em below the top of a DejaVu line box.
                        var top = t.Baseline - t.Size * 0.76f;
                        var place = t.Align == CellAlign.Right
                            ? $"right:{P(width - t.X - t.Width)};"
                            : $"left:{P(t.X)};";
                        var turn = t.Rotation != 0 ? $"transform:rotate({t.Rotation.ToString(Invariant)}deg);" : "";
                        html.Append($"<div class=\"t\" style=\"{place}top:{P(top)};font-size:{P(t.Size)};{(t.Bold ? "font-weight:bold;" : "")}color:{Css(t.Color)};{turn}\">")
                            .Append(WebUtility.HtmlEncode(t.Text)).Append("</div>");
                        break;
                    case LineOp l:
                        html.Append($"<div class=\"r\" style=\"left:{P(l.X1)};top:{P(l.Y - l.Thickness / 2)};width:{P(l.X2 - l.X1)};height:{P(l.Thickness)};background:{Css(l.Color)}\"></div>");
                        break;
                    case RectOp r:
                        html.Append($"<div class=\"r\" style=\"left:{P(r.Rect.Left)};top:{P(r.Rect.Top)};width:{P(r.Rect.Width)};height:{P(r.Rect.Height)};background:{Css(r.Color)}\"></div>");
                        break;
                    case ImageOp i:
                        html.Append($"<img class=\"r\" style=\"left:{P(i.Rect.Left)};top:{P(i.Rect.Top)};width:{P(i.Rect.Width)};height:{P(i.Rect.Height)}\" src=\"data:image/png;base64,{Convert.ToBase64String(i.Png)}\">");
                        break;
                }
            }
            html.Append("</div>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string P(float points) => points.ToString("0.##", Invariant) + "pt";

    private static string Css(SKColor c) => $"rgba({c.Red},{c.Green},{c.Blue},{(c.Alpha / 255f).ToString("0.###", Invariant)})";
}
