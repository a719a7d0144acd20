using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Agents;

/// <summary><c>/api/enrollment-tokens</c>: admins mint, list and delete single-use enrollment tokens.</summary>
public static class EnrollmentTokensApi
{
    public const string Path = "/api/enrollment-tokens";

    public static IEndpointRouteBuilder MapEnrollmentTokensApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).RequireAuthorization(Policies.Administer);
        api.MapPost("/", MintAsync).WithValidation<MintTokenBody, MintTokenValidator>();
        api.MapGet("/", ListAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    /// <summary>201 with the token, shown this once.</summary>
    public static async Task<Created<MintedToken>> MintAsync(
        Valid<MintTokenBody> body, ClaimsPrincipal user, EnrollmentTokens tokens, CancellationToken cancellationToken)
    {
        var minted = await tokens.MintAsync(body.Value, user.Identity?.Name, cancellationToken);
        return TypedResults.Created($"{Path}/{minted.Id}", minted);
    }

    public static async Task<Ok<List<EnrollmentTokenDto>>> ListAsync(EnrollmentTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, EnrollmentTokens tokens, CancellationToken cancellationToken) =>
        await tokens.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("enrollment token", id);
}
