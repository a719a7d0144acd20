using Linkwatch.Server.Accounts.SingleSignOn;
using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Linkwatch.Server.Accounts;

/// <summary>
/// People and sign-in: ASP.NET Core Identity in the store, the sign-in cookie, <c>/login</c> (with its two-factor step
/// and optional single sign-on) and <c>/logout</c>, and <c>/account</c>, where people change their own password and
/// two-factor sign-in.
/// </summary>
public static class AccountsFeature
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public const string NotAllowedPath = "/not-allowed";
    public const string TwoFactorPath = "/login/two-factor";
    public const string AccountPath = "/account";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddValidatedOptions<AdminOptions, AdminOptionsValidator>(AdminOptions.Section);
        services.AddIdentityCore<IdentityUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LinkwatchDbContext>()
            .AddSignInManager()
            // TOTP (RFC 6238) from an authenticator app; its key and the recovery codes live in AspNetUserTokens.
            .AddTokenProvider<AuthenticatorTokenProvider<IdentityUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddAuthentication().AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.Cookie.Name = "linkwatch.auth";
            o.Cookie.HttpOnly = true;
            // Secure over https (also behind a proxy that says so, see Server:KnownProxies); plain http on a LAN still works.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // A signed-in person without the role: a browser loading a page is shown the page that says so, anything
            // else gets a plain 403.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
                    context.Response.Redirect(NotAllowedPath);
                else
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddSingleton<AdminPasswordFile>();
        services.AddScoped<IStoreSeeder, FirstAdmin>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingSignIn>();
        // A disabled person, or one whose role or password changed, is sent back to sign in within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<SignInRefresh>();
        services.AddScoped<OwnAccount>();
        services.AddSingleSignOn();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        // The pages (/login, /login/two-factor, /account) are Razor components in Pages/, mapped with the other pages.
        // Signing out an already signed-out browser is harmless, so it needs no sign-in; it does need the form's
        // antiforgery token, or another site could sign people out.
        app.MapPost(LogoutPath, LogoutAsync).AllowAnonymous();
        app.MapUsersApi();
        app.MapApiKeysApi();
        app.MapAuditApi();
        SignInRefresh.Map(app);
        app.MapSingleSignOn();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> LogoutAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The sign-out form is missing its antiforgery token.");
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(LoginPath);
    }

    private static void ConfigureIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = AccountRules.MinPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = AccountRules.MaxFailedAttempts;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(AccountRules.LockoutMinutes);
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    }
}
