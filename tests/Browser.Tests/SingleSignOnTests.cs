using Linkwatch.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Linkwatch.Browser.Tests;

/// <summary>
/// Single sign-on against a real OpenID Connect provider (npm oidc-provider on loopback): the login page's button, the
/// provider's own login page, and back signed in, an admin when the provider puts the person in Auth:Oidc:AdminGroup
/// and a viewer otherwise.
/// </summary>
public sealed class SingleSignOnTests
{
    static SingleSignOnTests() => Assertions.SetDefaultExpectTimeout((float)BrowserSession.Timeout.TotalMilliseconds);

    private const string AdminGroup = "linkwatch-admins";

    [BrowserFact]
    public async Task A_member_of_the_admin_group_signs_in_as_admin_and_anyone_else_as_viewer()
    {
        using var temp = new TempDirectory();
        // The provider must know the callback before the server starts, and the server must know the provider: the
        // server gets a port chosen here, the provider picks its own.
        var port = FreePorts.Block(1);
        await using var provider = await OidcProvider.StartAsync(new Uri($"http://127.0.0.1:{port}/signin-oidc"), new Dictionary<string, OidcAccount>
        {
            ["ada"] = new("ada-password-0123", "ada@sso.test", [AdminGroup, "staff"]),
            ["vic"] = new("vic-password-0123", "vic@sso.test", ["staff"]),
        });
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"), port, new Dictionary<string, string>
        {
            ["Auth__Oidc__Authority"] = provider.Issuer.ToString().TrimEnd('/'),
            ["Auth__Oidc__ClientId"] = OidcProvider.ClientId,
            ["Auth__Oidc__ClientSecret"] = OidcProvider.ClientSecret,
            ["Auth__Oidc__AdminGroup"] = AdminGroup,
        });

        await using (var browser = await BrowserSession.StartAsync())
        {
            var page = browser.Page;
            await page.GotoAsync(new Uri(server.BaseUrl, "/settings/agents").ToString());
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with single sign-on" })).ToBeVisibleAsync();
            await browser.ScreenshotAsync("login-sso.png", forDocs: false);
            await SignInAtProviderAsync(page, provider, "ada", "ada-password-0123");

            // Back where the visitor was going, signed in, and an admin: the admin-only token form is there.
            await LandsLiveAsync(page, "/settings/agents");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mint token" })).ToBeVisibleAsync();
            await page.NavigateAsync("Account");
            await Expect(page.Locator("#account-email")).ToHaveTextAsync("ada@sso.test");
            await Expect(page.Locator("[data-page='account']")).ToContainTextAsync("(admin)");
            browser.AssertNoProblems();
        }

        await using (var browser = await BrowserSession.StartAsync())
        {
            var page = browser.Page;
            await page.GotoAsync(new Uri(server.BaseUrl, "/login").ToString());
            await SignInAtProviderAsync(page, provider, "vic", "vic-password-0123");
            await LandsLiveAsync(page, "/");
            await page.NavigateAsync("Agents");
            await Expect(page.Locator("[data-page='settings-agents']")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mint token" })).ToHaveCountAsync(0);
            await page.NavigateAsync("Account");
            await Expect(page.Locator("#account-email")).ToHaveTextAsync("vic@sso.test");
            await Expect(page.Locator("[data-page='account']")).ToContainTextAsync("(viewer)");
            browser.AssertNoProblems();
        }
    }

    /// <summary>The button on Linkwatch's login page, then the provider's own form.</summary>
    private static async Task SignInAtProviderAsync(IPage page, OidcProvider provider, string username, string password)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with single sign-on" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(provider.Issuer.ToString(), StringComparison.Ordinal));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    private static async Task LandsLiveAsync(IPage page, string path)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await Expect(page.Locator("#live-indicator")).ToHaveAttributeAsync("data-state", "live");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
