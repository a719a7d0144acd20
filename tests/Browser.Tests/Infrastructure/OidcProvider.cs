using System.Text.Json;
using System.Text.RegularExpressions;

namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (npm oidc-provider, installed from tests/Browser.Tests/oidc's lock file when this
/// project builds) run with Node on 127.0.0.1 and a port of its own choosing; killed on dispose.
/// </summary>
public sealed partial class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "linkwatch-test";
    public const string ClientSecret = "test-oidc-client-secret-0123456789";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;

    private OidcProvider(ChildProcess process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
    }

    public Uri Issuer { get; }
    public string Output => _process.Output;

    /// <param name="redirectUri">Linkwatch's callback, the one URI the client may be sent back to.</param>
    /// <param name="accounts">Who can sign in there: name to password, email and groups.</param>
    public static async Task<OidcProvider> StartAsync(Uri redirectUri, IReadOnlyDictionary<string, OidcAccount> accounts)
    {
        var settings = JsonSerializer.Serialize(new
        {
            clientId = ClientId,
            clientSecret = ClientSecret,
            redirectUri = redirectUri.ToString(),
            accounts = accounts.ToDictionary(a => a.Key, a => new { password = a.Value.Password, email = a.Value.Email, emailVerified = true, groups = a.Value.Groups }),
        });
        var directory = Path.Combine(Repo.Root, "tests", "Browser.Tests", "oidc");
        var process = ChildProcess.StartProgram("node", [Path.Combine(directory, "provider.mjs"), settings], workingDirectory: directory);
        try
        {
            var line = await process.WaitForLineAsync(l => Listening().IsMatch(l), StartTimeout);
            return new OidcProvider(process, new Uri(Listening().Match(line).Groups["url"].Value));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"oidc-provider listening at (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}

/// <summary>A person at the test provider.</summary>
public sealed record OidcAccount(string Password, string Email, string[] Groups);
