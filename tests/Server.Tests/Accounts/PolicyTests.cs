using System.Security.Claims;
using Linkwatch.Server.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Accounts;

/// <summary>Which role may do what, per policy and role: the same policies guard the pages and the API.</summary>
public sealed class PolicyTests
{
    private static readonly IAuthorizationService Authorization = new ServiceCollection()
        .AddLogging()
        .AddAuthorizationBuilder().AddRolePolicies().Services
        .BuildServiceProvider()
        .GetRequiredService<IAuthorizationService>();

    [Theory]
    [InlineData(Policies.View, Roles.Viewer, true)]
    [InlineData(Policies.View, Roles.Editor, true)]
    [InlineData(Policies.View, Roles.Admin, true)]
    [InlineData(Policies.Edit, Roles.Viewer, false)]
    [InlineData(Policies.Edit, Roles.Editor, true)]
    [InlineData(Policies.Edit, Roles.Admin, true)]
    [InlineData(Policies.Administer, Roles.Viewer, false)]
    [InlineData(Policies.Administer, Roles.Editor, false)]
    [InlineData(Policies.Administer, Roles.Admin, true)]
    public async Task A_signed_in_person_is_allowed_by_role(string policy, string role, bool allowed)
    {
        var person = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "p@test.local"), new Claim(ClaimTypes.Role, role)], "Identity.Application"));

        Assert.Equal(allowed, (await Authorization.AuthorizeAsync(person, policy)).Succeeded);
    }

    [Theory]
    [InlineData(Policies.View)]
    [InlineData(Policies.Edit)]
    [InlineData(Policies.Administer)]
    public async Task The_bootstrap_key_acts_as_an_admin_and_other_tokens_as_nobody(string policy)
    {
        var key = Bearer(AuthPolicies.Api, new Claim(ClaimTypes.Role, Roles.Admin));
        var agent = Bearer(AuthPolicies.Agent);
        var enroll = Bearer(AuthPolicies.Enroll);

        Assert.True((await Authorization.AuthorizeAsync(key, policy)).Succeeded);
        Assert.False((await Authorization.AuthorizeAsync(agent, policy)).Succeeded);
        Assert.False((await Authorization.AuthorizeAsync(enroll, policy)).Succeeded);
    }

    [Theory]
    [InlineData(Policies.View)]
    [InlineData(Policies.Edit)]
    [InlineData(Policies.Administer)]
    public async Task Anonymous_and_roleless_callers_are_refused(string policy)
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        var roleless = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "p@test.local")], "Identity.Application"));

        Assert.False((await Authorization.AuthorizeAsync(anonymous, policy)).Succeeded);
        Assert.False((await Authorization.AuthorizeAsync(roleless, policy)).Succeeded);
    }

    [Theory]
    [InlineData("/api/checks", "LinkwatchBearer")]
    [InlineData("/metrics", "LinkwatchBearer")]
    [InlineData("/hubs/agent", "LinkwatchBearer")]
    [InlineData("/", "Identity.Application")]
    [InlineData("/_blazor", "Identity.Application")]
    [InlineData("/apiary", "Identity.Application")]
    public void The_path_decides_between_key_and_cookie(string path, string scheme)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Path = path;

        Assert.Equal(scheme, AuthSchemes.Select(context));
    }

    private static ClaimsPrincipal Bearer(string kind, params Claim[] extra) =>
        new(new ClaimsIdentity([new Claim(AuthPolicies.KindClaim, kind), .. extra], AuthSchemes.Bearer, AuthPolicies.AgentNameClaim, ClaimTypes.Role));
}
