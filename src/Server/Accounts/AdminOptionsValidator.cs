using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Accounts;

/// <summary>A first admin that Identity would refuse must stop the start, not leave a server nobody can sign in to.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var errors = new List<string>();
        if (options.Email is { Length: > 0 } email && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@')))
            errors.Add($"Admin:Email must be an email address, not '{email}'.");
        // Never echo the password itself: only how long it is.
        if (options.Password is { Length: > 0 } password && password.Length < AccountRules.MinPasswordLength)
            errors.Add($"Admin:Password must be at least {AccountRules.MinPasswordLength} characters (it has {password.Length}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
