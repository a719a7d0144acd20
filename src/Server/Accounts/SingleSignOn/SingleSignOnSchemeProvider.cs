using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>
/// The authentication schemes, without the OpenID Connect one when <c>Auth:Oidc:Authority</c> is unset. The scheme is
/// added at registration, before configuration is final (a test host adds its settings later), so it is taken out
/// here, where the options are read: a remote scheme runs on every request, and without an authority it would throw.
/// </summary>
public sealed class SingleSignOnSchemeProvider : AuthenticationSchemeProvider
{
    public SingleSignOnSchemeProvider(IOptions<AuthenticationOptions> options, IOptions<OidcOptions> oidc)
        : base(options)
    {
        if (!oidc.Value.Enabled)
            RemoveScheme(SingleSignOn.Scheme);
    }
}
