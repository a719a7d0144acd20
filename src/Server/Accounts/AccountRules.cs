namespace Linkwatch.Server.Accounts;

/// <summary>The sign-in contract numbers (DESIGN "Dashboard"), in one place for Identity, the validator and the page.</summary>
public static class AccountRules
{
    /// <summary>Length is what makes a password hard to guess; character-class rules only make it hard to remember.</summary>
    public const int MinPasswordLength = 12;
    public const int MaxFailedAttempts = 5;
    public const int LockoutMinutes = 5;
    /// <summary>The first admin's generated password: 20 characters from a 57-letter alphabet, about 117 bits.</summary>
    public const int GeneratedPasswordLength = 20;
    public const string DefaultAdminEmail = "admin@localhost";
}
