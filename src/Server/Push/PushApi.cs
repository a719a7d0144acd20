using System.Globalization;
using Linkwatch.Server.Results.Ingest;
using Linkwatch.Shared.Kinds.Push;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Push;

/// <summary>
/// <c>GET|POST /api/push/{token}[?status=up|down&amp;msg=&amp;ping=MS]</c>: the monitored job reports in. Anonymous (the
/// token is the credential), so everything it takes is bounded: the token's shape, the message's length, the ping's
/// range and the rate per check. The body of a POST is never read.
/// </summary>
public static class PushApi
{
    /// <summary>Enough for a line of a backup log; a result's message is shown in one row.</summary>
    public const int MaxMessageLength = 1024;
    /// <summary>A day in milliseconds: a ping longer than that is not a round trip.</summary>
    public const double MaxPingMs = 86_400_000;

    public static IEndpointRouteBuilder MapPushApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(PushUrls.Prefix + "{token}", [HttpMethods.Get, HttpMethods.Post], PushAsync)
            .AllowAnonymous()
            .WithSummary("Records a push (heartbeat) for the push check with this token.");
        return app;
    }

    public sealed record PushAck(bool Ok);

    public static async Task<Results<Ok<PushAck>, NotFound, ValidationProblem, StatusCodeHttpResult>> PushAsync(
        string token, string? status, string? msg, string? ping, LinkwatchDbContext db, IngestQueue queue, PushLimiter limiter,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // A malformed token cannot name a check: answer like an unknown one, without a query.
        if (token.Length != PushUrls.TokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return TypedResults.NotFound();
        var errors = new ValidationErrors();
        var down = status switch
        {
            null or "" or Statuses.Up => false,
            Statuses.Down => true,
            _ => Error(errors, "status", "status must be up or down"),
        };
        if (msg is { Length: > MaxMessageLength })
            errors.Add("msg", $"msg must be at most {MaxMessageLength} characters");
        double? pingMs = null;
        if (ping is { Length: > 0 })
        {
            if (!double.TryParse(ping, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed)
                || parsed < 0 || parsed > MaxPingMs)
                errors.Add("ping", $"ping must be a number of milliseconds between 0 and {MaxPingMs}");
            else
                pingMs = parsed;
        }
        if (errors.Count > 0)
            return errors.ToProblem();

        var check = await db.Checks.AsNoTracking()
            .Where(c => c.PushToken == token && c.Kind == CheckKinds.Push && c.Enabled)
            .Select(c => new { c.Id })
            .FirstOrDefaultAsync(cancellationToken);
        if (check is null)
            return TypedResults.NotFound();
        if (!limiter.TryTake(check.Id))
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);

        var verdict = down ? Verdicts.Error : Verdicts.Ok;
        var result = PushResults.Of(check.Id, time.GetUtcNow(), verdict, string.IsNullOrEmpty(msg) ? null : msg, pingMs);
        await queue.SubmitFromServerAsync([result], cancellationToken);
        return TypedResults.Ok(new PushAck(true));
    }

    private static bool Error(ValidationErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return false;
    }
}
