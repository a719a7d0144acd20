using Linkwatch.Server.Platform.Auth;

namespace Linkwatch.Server.Platform.Http;

/// <summary>The handlers of a resource that can be created, listed, read, replaced and deleted.</summary>
public sealed record ResourceHandlers(Delegate Create, Delegate List, Delegate Get, Delegate Replace, Delegate Delete);

public static class ResourceEndpoints
{
    /// <summary>
    /// Maps <c>POST</c> and <c>GET</c> on <paramref name="path"/> and <c>GET|PUT|DELETE</c> on <c>{id}</c>, for API
    /// keys. Mapping them together keeps the API's promise that whatever can be created can be read, changed with the
    /// body it was created with, and deleted; POST and PUT share <typeparamref name="TValidator"/>.
    /// </summary>
    public static RouteGroupBuilder MapResource<TBody, TValidator>(this IEndpointRouteBuilder app, string path, ResourceHandlers handlers)
        where TBody : class
        where TValidator : IBodyValidator<TBody>
    {
        var api = app.MapGroup(path).RequireAuthorization(AuthPolicies.Api);
        api.MapPost("/", handlers.Create).WithValidation<TBody, TValidator>();
        api.MapGet("/", handlers.List);
        api.MapGet("/{id:long}", handlers.Get);
        api.MapPut("/{id:long}", handlers.Replace).WithValidation<TBody, TValidator>();
        api.MapDelete("/{id:long}", handlers.Delete);
        return api;
    }
}
