using System.Buffers;
using Linkwatch.Server.Platform.Options;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Agents.Install;

/// <summary>
/// The install script (agent.sh, embedded) with the server's URL written into it: <c>Server:PublicUrl</c>, else the
/// scheme and host the request came with. The host is the client's to choose, so the URL is written into the shell
/// script only when it consists of URL characters that mean nothing to a shell inside single quotes.
/// </summary>
public sealed class InstallScript(IOptions<ServerOptions> server)
{
    public const string Path = "/install/agent.sh";
    private const string Placeholder = "@LINKWATCH_SERVER@";

    // No quote, backslash, dollar, backtick, space or control character: inside '...' nothing else is special either.
    private static readonly SearchValues<char> UrlCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/[]%");

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(InstallScript).Assembly.GetManifestResourceStream("Linkwatch.Server.Agents.Install.agent.sh")
            ?? throw new InvalidOperationException("the install script is not embedded in the server");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The server's base URL as agents should use it (no trailing slash), or null when it is not a safe URL.</summary>
    public string? ServerUrl(HttpRequest request)
    {
        var url = server.Value.PublicUrl is { Length: > 0 } configured
            ? configured
            : $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
        return Checked(url);
    }

    /// <summary>The base URL of <paramref name="url"/> when it is an absolute http(s) URL made of plain URL characters only.</summary>
    public static string? Checked(string url)
    {
        url = url.TrimEnd('/');
        if (url.Length is 0 or > 2000 || url.AsSpan().ContainsAnyExcept(UrlCharacters))
            return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Host.Length == 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return null;
        return url;
    }

    /// <summary>The script for a server reached at <paramref name="serverUrl"/> (already <see cref="Checked"/>).</summary>
    public static string For(string serverUrl) => Template.Value.Replace(Placeholder, serverUrl, StringComparison.Ordinal);

    /// <summary>The one line the install page shows, for a minted <paramref name="token"/> and an optional agent name.</summary>
    public static string Line(string serverUrl, string token, string? name) =>
        $"curl -fsSL {serverUrl}{Path} | sudo sh -s -- --token {token}" + (name is null ? "" : $" --name {name}");
}
