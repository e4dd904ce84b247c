using MudBlazor;

namespace FinOps.Web.Components.Layout;

/// <summary>
/// MudBlazor's palette with the status colours darkened where its defaults fall short of a 4.5:1 contrast for text
/// (white on the error badge, info text on its light alert background), in light and dark mode, measured by the browser
/// contrast test.
/// </summary>
public static class FinOpsTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Error = "#C62828", Info = "#0B5CAD", Warning = "#B45309", Success = "#2E7D32" },
        // On a dark surface the colours lighten instead, and what sits on them turns dark: white on a light violet would fail.
        PaletteDark = new PaletteDark
        {
            Primary = "#B3AAFF", PrimaryContrastText = "#1A1A2E",
            Info = "#7CC0FF", InfoContrastText = "#0B1A2B",
            Error = "#FF8A80", ErrorContrastText = "#2B0B0B",
            Warning = "#FFB74D", WarningContrastText = "#2B1A00",
            Success = "#81C784", SuccessContrastText = "#0B2B0F",
            TextSecondary = "rgba(255,255,255,0.75)", TextDisabled = "rgba(255,255,255,0.6)",
        },
    };
}
