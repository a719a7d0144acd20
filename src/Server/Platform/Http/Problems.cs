using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Platform.Http;

/// <summary>Problem details every resource endpoint words the same way.</summary>
public static class Problems
{
    /// <summary><paramref name="what"/>: the resource as a user calls it ("alert rule").</summary>
    public static ProblemHttpResult NotFound(string what, long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no {what} with id {id}");
}
