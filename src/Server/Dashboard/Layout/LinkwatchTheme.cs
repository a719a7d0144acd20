using MudBlazor;

namespace Linkwatch.Server.Dashboard.Layout;

/// <summary>The dashboard's MudBlazor theme: the system font stack (nothing is fetched from the internet) and calm palettes.</summary>
public static class LinkwatchTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography { Default = new DefaultTypography { FontFamily = SystemFonts } },
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            AppbarBackground = "#0f1720",
            AppbarText = "#e6edf3",
            Background = "#f5f7fa",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6cb6ff",
            AppbarBackground = "#0b1118",
            Background = "#0f1720",
            Surface = "#16202b",
            DrawerBackground = "#121b25",
        },
    };
}
