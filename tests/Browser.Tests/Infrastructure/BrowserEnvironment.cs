namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>
/// Where the browser comes from: Debian's chromium, never a download. A developer machine without it
/// (or without root, which running it with --no-sandbox here assumes) skips the tests with the reason;
/// in CI (<c>CI=true</c>) nothing is skipped, so a missing browser fails the run instead of hiding it.
/// </summary>
public static class BrowserEnvironment
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason { get; } = FindSkipReason();

    private static string? FindSkipReason()
    {
        if (IsCi)
            return null;
        if (!File.Exists(ChromiumPath))
            return $"browser tests skipped: {ChromiumPath} is missing (apt-get install chromium); with CI=true this fails instead";
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
            return "browser tests skipped: they run chromium with --no-sandbox and expect root; with CI=true this fails instead";
        return null;
    }
}
