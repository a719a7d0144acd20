using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>The failure throttles by what fails: sign-ins (the login form) and enrollments (<c>POST /api/enroll</c>).</summary>
public sealed class FailureThrottles(IOptions<LimitsOptions> options, LimitCounters counters, TimeProvider time, ILoggerFactory loggers)
{
    public FailureThrottle SignIn { get; } = new(LimitCounters.Limit.SignIn, options.Value.FailedSignInsPerMinute, counters, time,
        loggers.CreateLogger<FailureThrottle>());

    public FailureThrottle Enroll { get; } = new(LimitCounters.Limit.Enroll, options.Value.FailedEnrollmentsPerMinute, counters, time,
        loggers.CreateLogger<FailureThrottle>());
}
