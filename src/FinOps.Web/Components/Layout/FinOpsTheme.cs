using MudBlazor;

namespace FinOps.Web.Components.Layout;

/// <summary>
/// MudBlazor's palette with the status colours darkened where its defaults fall short of a 4.5:1 contrast for text
/// (white on the error badge, info text on its light alert background), measured by the browser contrast test.
/// </summary>
public static class FinOpsTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Error = "#C62828", Info = "#0B5CAD", Warning = "#B45309", Success = "#2E7D32" },
    };
}
