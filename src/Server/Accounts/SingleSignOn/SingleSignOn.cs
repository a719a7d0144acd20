using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Linkwatch.Server.Accounts.SingleSignOn;

/// <summary>
/// Optional sign-in through an OpenID Connect provider (<c>Auth:Oidc:*</c>): the authorization code flow with PKCE. The
/// provider's answer lands in Identity's external cookie; <see cref="ExternalSignIn"/> then finds or creates the local
/// person, sets the role from the <c>groups</c> claim and signs in with the ordinary application cookie, so the rest
/// of the app sees a normal user with a role claim.
/// </summary>
public static partial class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string DisplayName = "Single sign-on";
    /// <summary>Where the provider sends the browser back to (register <c>{Server:PublicUrl}/signin-oidc</c> with it).</summary>
    public const string CallbackPath = "/signin-oidc";
    /// <summary>The login page's button posts here; the provider's answer then completes at <see cref="CompletePath"/>.</summary>
    public const string StartPath = "/login/sso";
    public const string CompletePath = "/login/sso/complete";

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services)
    {
        services.AddValidatedOptions<OidcOptions, OidcOptionsValidator>(OidcOptions.Section);
        services.AddAuthentication().AddOpenIdConnect(Scheme, DisplayName, _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme)
            .Configure<IOptions<OidcOptions>, IOptions<ServerOptions>, ILoggerFactory>((o, oidc, server, loggers) =>
                Configure(o, oidc.Value, server.Value, loggers.CreateLogger(typeof(SingleSignOn).FullName!)));
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, SingleSignOnSchemeProvider>());
        services.AddScoped<ExternalSignIn>();
        return services;
    }

    public static IEndpointRouteBuilder MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        app.MapPost(StartPath, StartAsync).AllowAnonymous();
        app.MapGet(CompletePath, CompleteAsync).AllowAnonymous();
        return app;
    }

    /// <summary>Whether the login page offers single sign-on.</summary>
    public static bool IsOffered(IOptions<OidcOptions> options) => options.Value.Enabled;

    private static void Configure(OpenIdConnectOptions o, OidcOptions oidc, ServerOptions server, ILogger logger)
    {
        if (!oidc.Enabled)
            return;
        o.Authority = oidc.Authority!.Trim();
        o.ClientId = oidc.ClientId!.Trim();
        o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        // http only passes the options validator for a provider on loopback.
        o.RequireHttpsMetadata = new Uri(o.Authority).Scheme == Uri.UriSchemeHttps;
        o.SignInScheme = IdentityConstants.ExternalScheme;
        o.CallbackPath = CallbackPath;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        // The code comes back in the query of a top-level GET: the correlation and nonce cookies can then be SameSite=Lax
        // and work over plain http too (form_post needs SameSite=None, which browsers allow only on Secure cookies).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Scope.Clear();
        o.Scope.Add(OpenIdConnectScope.OpenId);
        o.Scope.Add(OpenIdConnectScope.Email);
        o.Scope.Add("profile");
        // Many providers put email and groups in userinfo only (code flow keeps the ID token small).
        o.GetClaimsFromUserInfoEndpoint = true;
        // Claims keep the names the provider gave them: sub, email, email_verified, groups.
        o.MapInboundClaims = false;
        o.ClaimActions.MapJsonKey(OidcRoles.GroupsClaim, OidcRoles.GroupsClaim);
        o.ClaimActions.MapUniqueJsonKey(ExternalIdentity.EmailVerifiedClaim, ExternalIdentity.EmailVerifiedClaim);
        // Only our own session matters afterwards; the provider's tokens are not kept.
        o.SaveTokens = false;
        o.Events.OnRedirectToIdentityProvider = context =>
        {
            // Behind a reverse proxy the request's own host may not be what the provider knows us by.
            if (server.PublicUrl is { Length: > 0 } publicUrl)
                context.ProtocolMessage.RedirectUri = publicUrl.TrimEnd('/') + CallbackPath;
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context =>
        {
            // The provider said no (the person cancelled, a wrong client secret) or its answer did not check out: back to
            // the login page with a fixed message; the reason goes to the log, never to the page.
            Log.RemoteFailure(logger, context.Failure?.Message ?? "unknown");
            context.Response.Redirect(LoginPath(context.Properties?.Items.TryGetValue(ReturnUrlItem, out var back) == true ? back : null, SingleSignOnError.Failed));
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private const string ReturnUrlItem = "lw:return-url";

    private static async Task StartAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn,
        IOptions<OidcOptions> options, ILoggerFactory loggers)
    {
        if (!options.Value.Enabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalUrl.OrRoot(form["ReturnUrl"].ToString());
        var properties = signIn.ConfigureExternalAuthenticationProperties(Scheme, CompletePath + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        properties.Items[ReturnUrlItem] = returnUrl;
        try
        {
            await context.ChallengeAsync(Scheme, properties);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            // The provider's discovery document could not be read: the provider is down or the authority is wrong.
            Log.ProviderUnreachable(loggers.CreateLogger(typeof(SingleSignOn).FullName!), options.Value.Authority!, ex.Message);
            context.Response.Redirect(LoginPath(returnUrl, SingleSignOnError.Unavailable));
        }
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, ExternalSignIn external, string? returnUrl)
    {
        var error = await external.CompleteAsync(context);
        return error is null
            ? TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl))
            : TypedResults.LocalRedirect(LoginPath(returnUrl, error));
    }

    internal static string LoginPath(string? returnUrl, string error) =>
        $"{AccountsFeature.LoginPath}?error={error}" + (LocalUrl.IsLocal(returnUrl) && returnUrl != "/" ? "&ReturnUrl=" + Uri.EscapeDataString(returnUrl!) : "");
}
