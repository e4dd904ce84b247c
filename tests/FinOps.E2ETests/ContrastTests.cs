using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>
/// Text on the money pages is readable: every visible text's colour against the background it sits on has a contrast
/// ratio of at least 4.5:1 (3:1 for large text), computed in the browser as WCAG defines it (disabled controls exempt).
/// </summary>
[Collection(AppCollection.Name)]
public class ContrastTests(AppHost app)
{
    private const string Measure = """
        () => {
          const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(',').map(x => parseFloat(x)); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
            let result = { r: 255, g: 255, b: 255, a: 1 };
            for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
            return result;
          };
          const failures = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            const el = node.parentElement;
            if (!text || !el || el.closest('svg, [disabled], .mud-disabled, [aria-hidden=true]')) continue;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0 || parseFloat(style.opacity) === 0) continue;
            const bg = background(el);
            const fg = over(parse(style.color), bg);
            const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
            const ratio = (l1 + 0.05) / (l2 + 0.05);
            const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            if (ratio < needed) failures.push(`${text.slice(0, 40)} (${ratio.toFixed(2)}:1, ${style.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}))`);
          }
          return failures.slice(0, 10);
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text_on_the_money_pages_meets_the_contrast_minimum(bool dark)
    {
        var page = await app.OpenAsync("/?period=2026-10", "finance@demo.finops");
        var failures = new List<string>();
        foreach (var (path, ready) in new[]
                 {
                     ("/?period=2026-10", "tenant-table"), ("/explore?range=period&period=2026-10", "explore-table"), ("/budgets?period=2026-10", "budget-form"),
                     ("/forecast?period=2026-10", "forecast-table"), ("/alerts?period=2026-10", "alert-episode"),
                     ("/invoices?period=2026-10", "invoices-not-closed"), ("/tenants/acme-retail?period=2026-10", "portal-models"), ("/keys?period=2026-10", "key-table"),
                     ("/workflows?period=2026-10&tenant=cyberdyne&trace=run-202610-loop-001", "trace-requests"), ("/tenants/cyberdyne/features/agent-planner?period=2026-10", "selfhost-result"),
                 })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await AppHost.WaitForCircuitAsync(page);
            await page.GetByTestId(ready).First.WaitForAsync();
            if (dark)
            {
                await page.GetByTestId("theme-toggle").ClickAsync();
                await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).every(v => +v < 100)");
            }
            // Colours fade between themes (CSS transitions): measure once nothing is still moving.
            await page.WaitForFunctionAsync("() => document.getAnimations().filter(a => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length === 0");
            failures.AddRange((await page.EvaluateAsync<string[]>(Measure)).Select(f => $"{(dark ? "dark " : "")}{path}: {f}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await page.Context.CloseAsync();
    }
}
