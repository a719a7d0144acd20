using Linkwatch.Server.Results;

namespace Linkwatch.Server.Checks;

/// <summary>
/// What "run now" came to: <paramref name="Results"/> on success (status 200), else null with the HTTP status the API
/// answers and its problem text (400: about the <c>agent</c> field; 404, 409, 502, 504: see <see cref="CheckRunner"/>).
/// </summary>
public sealed record RunOutcome(IReadOnlyList<ResultsApi.ResultDto>? Results, int StatusCode, string? Problem)
{
    public static RunOutcome Failed(int statusCode, string problem) => new(null, statusCode, problem);
}
