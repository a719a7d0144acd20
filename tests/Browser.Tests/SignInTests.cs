using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>The dashboard behind sign-in, as a person meets it in the browser.</summary>
public sealed class SignInTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    static SignInTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private MonitoredLab Lab => fixture.Lab;

    [BrowserFact]
    public async Task Anonymous_visitors_get_the_login_page_and_no_data_on_every_page()
    {
        await Lab.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        string[] paths = ["/", $"/checks/{Lab.CheckId}", $"/agents/{MonitoredLab.AgentName}", "/mesh", "/alerts", "/alerts/1", "/add-agent"];
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(new Uri(Lab.Server.BaseUrl, path).ToString());
            Assert.NotNull(response);
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
            Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), page.Url, StringComparison.OrdinalIgnoreCase);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
            // Nothing about the installation: no agent, no check, no target (only the path the visitor typed
            // travels on, in the form's return address).
            var html = await page.Locator("body").InnerTextAsync();
            Assert.DoesNotContain(MonitoredLab.AgentName, html, StringComparison.Ordinal);
            Assert.DoesNotContain("lab target", html, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1:", html, StringComparison.Ordinal);
        }
        await browser.ScreenshotAsync("login.png");
        // The sign-in page fits a phone too.
        await page.SetViewportSizeAsync(390, 844);
        Assert.False(await browser.HasHorizontalScrollAsync(), "the login page scrolls sideways at 390 px");
        await browser.ScreenshotAsync("login-390.png", forDocs: false);

        // Signing in from there lands on the page that was asked for.
        await browser.SignInAsync(Lab.Server.BaseUrl, ServerProcess.AdminEmail, ServerProcess.AdminPassword);
        Assert.Equal("/add-agent", new Uri(page.Url).AbsolutePath);
    }

    [BrowserFact]
    public async Task Five_wrong_passwords_lock_the_account_for_five_minutes_even_against_the_right_one()
    {
        // A server of its own: the account it locks is that server's first admin.
        using var temp = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        const string email = ServerProcess.AdminEmail;
        const string password = ServerProcess.AdminPassword;
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;

        for (var i = 1; i <= 5; i++)
        {
            await browser.SubmitSignInAsync(server.BaseUrl, email, $"wrong-password-{i:D4}");
            Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
            // The form keeps what was typed (not the password).
            await Expect(page.GetByLabel("Email")).ToHaveValueAsync(email);
            await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
            if (i < 5)
                await Expect(page.GetByText("Invalid email or password")).ToBeVisibleAsync();
        }
        await Expect(page.GetByText("locked for 5 minutes")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("login-locked.png", forDocs: false);

        // Locked: the right password does not get in either.
        await browser.SubmitSignInAsync(server.BaseUrl, email, password);
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByText("locked for 5 minutes")).ToBeVisibleAsync();
        browser.AssertNoProblems();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
