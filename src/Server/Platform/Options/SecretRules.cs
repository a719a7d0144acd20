using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Options;

/// <summary>Secrets from configuration are optional (unset or empty), but a short one is a mistake worth stopping for.</summary>
public static class SecretRules
{
    public const int MinLength = 16;

    public static ValidateOptionsResult Check(string key, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length >= MinLength
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key} must be at least {MinLength} characters (it has {secret.Length}).");
}

public sealed class EnrollmentOptionsValidator : IValidateOptions<EnrollmentOptions>
{
    public ValidateOptionsResult Validate(string? name, EnrollmentOptions options) =>
        SecretRules.Check("Enrollment:Token", options.Token);
}

public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        SecretRules.Check("Api:BootstrapKey", options.BootstrapKey);
}
