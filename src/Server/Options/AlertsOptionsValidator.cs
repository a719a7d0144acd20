using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Options;

public sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options) =>
        options.PublicUrl is { } url
        && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            ? ValidateOptionsResult.Fail($"Alerts:PublicUrl must be an absolute http or https URL, not '{url}'.")
            : ValidateOptionsResult.Success;
}
