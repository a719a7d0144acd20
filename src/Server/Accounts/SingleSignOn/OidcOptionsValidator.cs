using System.Net;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>
/// A provider the server could not talk to safely must stop the start, naming the key. Plain http is refused except
/// on loopback (a provider on the same host, and the tests): tokens and the client secret travel on that channel.
/// </summary>
public sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled)
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
                || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && IsLoopback(authority))))
                errors.Add($"{OidcOptions.Section}:Authority must be an absolute https URL (http only on loopback), not '{options.Authority}'.");
            else if (!string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment))
                errors.Add($"{OidcOptions.Section}:Authority must be the issuer URL without a query or fragment, not '{options.Authority}'.");
            if (string.IsNullOrWhiteSpace(options.ClientId))
                errors.Add($"{OidcOptions.Section}:ClientId is required when {OidcOptions.Section}:Authority is set.");
        }
        else if (!string.IsNullOrWhiteSpace(options.ClientId) || !string.IsNullOrEmpty(options.ClientSecret) || !string.IsNullOrWhiteSpace(options.AdminGroup))
        {
            // Half a configuration is a mistake: without the authority the button would silently not appear.
            errors.Add($"{OidcOptions.Section}:Authority is required when other {OidcOptions.Section} keys are set.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
