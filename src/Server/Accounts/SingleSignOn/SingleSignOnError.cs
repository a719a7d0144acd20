namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>
/// Why a single sign-on did not sign anyone in, as a code in the login page's query (<c>/login?error=...</c>): the page
/// shows a fixed sentence per code, so nothing from the provider or the URL is ever echoed onto it.
/// </summary>
public static class SingleSignOnError
{
    public const string Failed = "sso-failed";
    public const string Unavailable = "sso-unavailable";
    public const string NoEmail = "sso-no-email";
    public const string EmailNotVerified = "sso-email-not-verified";
    public const string Refused = "sso-refused";

    public static string? Message(string? code) => code switch
    {
        Failed => "Single sign-on did not complete. Try again, or sign in with your email and password.",
        Unavailable => "The single sign-on provider cannot be reached right now. Sign in with your email and password, or try again later.",
        NoEmail => "The single sign-on provider did not say which email address you have, so no account can be found for you.",
        EmailNotVerified => "An account with your email address exists here, but the single sign-on provider has not verified that address.",
        Refused => "This account cannot sign in: it is disabled or locked.",
        _ => null,
    };
}
