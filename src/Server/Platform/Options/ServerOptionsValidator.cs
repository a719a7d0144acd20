using System.Net;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Options;

/// <summary>Rejects a public URL that is not an absolute http(s) URL and proxies that are not IP addresses.</summary>
public sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        if (options.PublicUrl is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            errors.Add($"Server:PublicUrl must be an absolute http or https URL, not '{url}'.");
        for (var i = 0; i < options.KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
                errors.Add($"Server:KnownProxies:{i} must be an IP address, not '{options.KnownProxies[i]}'.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
