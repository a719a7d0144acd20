using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Linkwatch.Server.Agents.Embedded;

/// <summary>The URL the embedded agent uses to reach this server over loopback.</summary>
internal static class LocalServerUrl
{
    /// <summary>
    /// Picks a plain-http listening address (an embedded agent has no reason to verify the
    /// server's own certificate) and turns wildcard hosts into a loopback address.
    /// </summary>
    public static string? Find(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase)))
        {
            if (!Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri))
                continue;
            var host = uri.Host switch
            {
                "0.0.0.0" or "localhost" => "127.0.0.1",
                "[::]" or "::" => "[::1]",
                _ => uri.Host,
            };
            return $"{uri.Scheme}://{host}:{uri.Port}";
        }
        return null;
    }
}
