using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Platform.Http;

/// <summary>Problem details every resource endpoint words the same way.</summary>
public static class Problems
{
    /// <summary><paramref name="what"/>: the resource as a user calls it ("alert rule").</summary>
    public static ProblemHttpResult NotFound(string what, long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no {what} with id {id}");

    /// <summary>
    /// A 409 whose cause is one field's value (a name already taken): a validation problem's shape, so a client finds
    /// the field under <c>errors</c> as it does for a 400.
    /// </summary>
    public static ProblemHttpResult Conflict(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The request conflicts with the current state.",
            Detail = message,
        });

    /// <summary>A 400 about one field that only the store can judge (an unknown id, a cycle): the shape of a validation problem.</summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = message,
        });
}
