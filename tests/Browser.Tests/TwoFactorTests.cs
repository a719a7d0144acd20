using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>
/// A person's own account in the browser: a new password, two-factor sign-in set up with an authenticator app (the
/// test computes the codes itself, from the key the page shows), and signing in with a code or a recovery code.
/// </summary>
public sealed class TwoFactorTests
{
    static TwoFactorTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private const string Email = ServerProcess.AdminEmail;
    private const string NewPassword = "a-new-password-for-the-admin";

    [BrowserFact]
    public async Task A_person_changes_the_password_turns_on_two_factor_and_signs_in_with_a_code_and_once_with_a_recovery_code()
    {
        using var temp = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        await browser.OpenAsync(server.BaseUrl, "/account");
        await Expect(page.Locator("#account-email")).ToHaveTextAsync(Email);

        // The password: a wrong current one and a short new one are refused at their fields.
        await ChangePasswordAsync(page, "not-the-password-at-all", NewPassword);
        await Expect(page.FieldError("Current password")).ToHaveTextAsync("This is not your current password.");
        await ChangePasswordAsync(page, ServerProcess.AdminPassword, "short-pass");
        await Expect(page.FieldError("New password")).ToContainTextAsync("at least 12 characters");
        await ChangePasswordAsync(page, ServerProcess.AdminPassword, NewPassword);
        await Expect(page.GetByText("Password changed")).ToBeVisibleAsync();

        // Two-factor: the key as text and as a QR code; the app's first code turns it on.
        await page.ClickButtonAsync("Set up two-factor");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code of the authenticator key" })).ToBeVisibleAsync();
        var key = await page.Locator("#authenticator-key").InnerTextAsync();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        await page.Field("Authenticator code").FillAsync(Totp.WrongCode(key));
        await page.ClickButtonAsync("Verify");
        await Expect(page.FieldError("Authenticator code")).ToContainTextAsync("not valid");
        await page.Field("Authenticator code").FillAsync(Totp.Code(key));
        await page.ClickButtonAsync("Verify");
        var codes = page.Locator("#recovery-codes [data-recovery-code]");
        await Expect(codes).ToHaveCountAsync(10);
        var recoveryCode = await codes.First.GetAttributeAsync("data-recovery-code");
        Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", recoveryCode);
        await Expect(page.Locator("[data-two-factor]")).ToHaveAttributeAsync("data-two-factor", "on");
        await browser.ScreenshotAsync("account-two-factor.png", forDocs: false);

        // The sign-in cookie was renewed for the new security stamp: a full reload is still signed in.
        await browser.OpenAsync(server.BaseUrl, "/account");
        await Expect(page.Locator("#recovery-codes-left")).ToHaveTextAsync("10");

        // Next sign-in: the new password, then the code; a wrong code is refused at the field.
        await SignOutAsync(page);
        await PasswordStepAsync(browser, server.BaseUrl);
        await SubmitCodeAsync(page, Totp.WrongCode(key));
        await Expect(page.Locator("#two-factor-code-error")).ToHaveTextAsync("This code is not valid.");
        Assert.Equal("/login/two-factor", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByLabel("Authenticator code")).ToHaveValueAsync("");
        await browser.ScreenshotAsync("login-two-factor.png", forDocs: false);
        await SubmitCodeAsync(page, Totp.Code(key));
        await LandsLiveAsync(page, "/");

        // A recovery code signs in once.
        await SignOutAsync(page);
        await PasswordStepAsync(browser, server.BaseUrl);
        await SubmitCodeAsync(page, recoveryCode!.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
        await LandsLiveAsync(page, "/");
        await SignOutAsync(page);
        await PasswordStepAsync(browser, server.BaseUrl);
        await SubmitCodeAsync(page, recoveryCode);
        await Expect(page.Locator("#two-factor-code-error")).ToHaveTextAsync("This code is not valid.");
        await SubmitCodeAsync(page, Totp.Code(key));
        await LandsLiveAsync(page, "/");
        await browser.OpenAsync(server.BaseUrl, "/account");
        await Expect(page.Locator("#recovery-codes-left")).ToHaveTextAsync("9");
        browser.AssertNoProblems();
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.Field("Current password").FillAsync(current);
        await page.Field("New password").FillAsync(next);
        await page.Field("Confirm new password").FillAsync(next);
        await page.ClickButtonAsync("Change password");
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickButtonAsync("Sign out");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
    }

    /// <summary>The right password: the login page hands over to the two-factor step, which asks for the code.</summary>
    private static async Task PasswordStepAsync(BrowserSession browser, Uri server)
    {
        await browser.SubmitSignInAsync(server, Email, NewPassword);
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login/two-factor");
        await Expect(browser.Page.GetByLabel("Authenticator code")).ToBeVisibleAsync();
    }

    private static async Task SubmitCodeAsync(IPage page, string code)
    {
        await page.GetByLabel("Authenticator code").FillAsync(code);
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync(),
            response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/login/two-factor");
    }

    private static async Task LandsLiveAsync(IPage page, string path)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await Expect(page.Locator("#live-indicator")).ToHaveAttributeAsync("data-state", "live");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
