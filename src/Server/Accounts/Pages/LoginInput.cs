using System.ComponentModel.DataAnnotations;

namespace Linkwatch.Server.Accounts.Pages;

/// <summary>The sign-in form as posted (<c>Input.Email</c>, <c>Input.Password</c>).</summary>
public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";
}
