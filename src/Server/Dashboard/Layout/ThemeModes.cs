namespace Linkwatch.Server.Dashboard.Layout;

/// <summary>The theme choices, as the browser remembers them in localStorage.</summary>
public static class ThemeModes
{
    public const string Light = "light";
    public const string Dark = "dark";
    /// <summary>Follow the operating system's <c>prefers-color-scheme</c>, also when it changes.</summary>
    public const string System = "system";

    public static string Parse(string? stored) => stored is Light or Dark ? stored : System;
}
