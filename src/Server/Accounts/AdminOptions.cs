namespace Linkwatch.Server.Accounts;

/// <summary>The <c>Admin</c> section: the first admin, created on the first start only (when there are no people yet).</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Unset: <c>admin@localhost</c>.</summary>
    public string? Email { get; set; }

    /// <summary>Unset: a generated password, printed once and kept in <c>DataDir/admin-password</c>.</summary>
    public string? Password { get; set; }
}
