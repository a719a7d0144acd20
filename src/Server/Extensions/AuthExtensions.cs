using Linkwatch.Server.Auth;
using Microsoft.AspNetCore.Authentication;

namespace Linkwatch.Server.Extensions;

public static class AuthExtensions
{
    public static IServiceCollection AddLinkwatchAuth(this IServiceCollection services)
    {
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Api, p => p.RequireClaim(AuthPolicies.KindClaim, AuthPolicies.Api))
            .AddPolicy(AuthPolicies.Agent, p => p.RequireClaim(AuthPolicies.KindClaim, AuthPolicies.Agent))
            .AddPolicy(AuthPolicies.Enroll, p => p.RequireClaim(AuthPolicies.KindClaim, AuthPolicies.Enroll));
        return services;
    }
}
