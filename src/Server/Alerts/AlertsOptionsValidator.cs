using Linkwatch.Server.Platform.Store.Migrations;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Alerts;

public sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        if (options.PublicUrl is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            return ValidateOptionsResult.Fail($"Alerts:PublicUrl must be an absolute http or https URL, not '{url}'.");
        if (string.IsNullOrWhiteSpace(options.AppriseCommand))
            return ValidateOptionsResult.Fail("Alerts:AppriseCommand must name the apprise program (default 'apprise').");
        return ValidateOptionsResult.Success;
    }
}
