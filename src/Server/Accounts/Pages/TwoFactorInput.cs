using System.ComponentModel.DataAnnotations;

namespace Linkwatch.Server.Accounts.Pages;

/// <summary>The two-factor step's form as posted (<c>Input.Code</c>): an authenticator code or a recovery code.</summary>
public sealed class TwoFactorInput
{
    [Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code.")]
    public string Code { get; set; } = "";
}
