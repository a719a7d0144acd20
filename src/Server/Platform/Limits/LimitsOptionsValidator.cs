using Linkwatch.Shared.Protocol;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>Rejects limits that cannot work, naming the configuration key.</summary>
public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new List<string>();
        NotNegative(errors, nameof(LimitsOptions.MaxConnections), options.MaxConnections, "(0 derives it from the file descriptor limit)");
        NotNegative(errors, nameof(LimitsOptions.MaxAnonymousConnections), options.MaxAnonymousConnections, "(0 is three quarters of MaxConnections)");
        if (options.MaxConnections > 0 && options.MaxAnonymousConnections > options.MaxConnections)
            errors.Add($"Limits:MaxAnonymousConnections ({options.MaxAnonymousConnections}) must not exceed Limits:MaxConnections ({options.MaxConnections}).");
        AtLeastOne(errors, nameof(LimitsOptions.AnonymousConnectionsPerAddress), options.AnonymousConnectionsPerAddress);
        NotNegative(errors, nameof(LimitsOptions.AnonymousQueueSeconds), options.AnonymousQueueSeconds, "");
        AtLeastOne(errors, nameof(LimitsOptions.RequestHeadersTimeoutSeconds), options.RequestHeadersTimeoutSeconds);
        AtLeastOne(errors, nameof(LimitsOptions.KeepAliveTimeoutSeconds), options.KeepAliveTimeoutSeconds);
        AtLeastOne(errors, nameof(LimitsOptions.ResultsPerSecond), options.ResultsPerSecond);
        // A burst smaller than one full call would make that call wait forever.
        if (options.ResultsBurst < HubLimits.MaxResultsPerCall)
            errors.Add($"Limits:ResultsBurst must be at least {HubLimits.MaxResultsPerCall} (one full SubmitResults call), not {options.ResultsBurst}.");
        AtLeastOne(errors, nameof(LimitsOptions.EventsPerSecond), options.EventsPerSecond);
        if (options.EventsBurst < HubLimits.MaxEventsPerCall)
            errors.Add($"Limits:EventsBurst must be at least {HubLimits.MaxEventsPerCall} (one full SubmitEvents call), not {options.EventsBurst}.");
        if (options.HelloIntervalSeconds is < 0 or > 60)
            errors.Add($"Limits:HelloIntervalSeconds must be between 0 and 60 (an agent waits for its Hello), not {options.HelloIntervalSeconds}.");
        AtLeastOne(errors, nameof(LimitsOptions.FailedSignInsPerMinute), options.FailedSignInsPerMinute);
        AtLeastOne(errors, nameof(LimitsOptions.FailedEnrollmentsPerMinute), options.FailedEnrollmentsPerMinute);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void NotNegative(List<string> errors, string key, int value, string note)
    {
        if (value < 0)
            errors.Add(note.Length == 0 ? $"Limits:{key} must be 0 or more, not {value}." : $"Limits:{key} must be 0 or more {note}, not {value}.");
    }

    private static void AtLeastOne(List<string> errors, string key, int value)
    {
        if (value < 1)
            errors.Add($"Limits:{key} must be at least 1, not {value}.");
    }
}
