namespace Linkwatch.Shared;

/// <summary>Validation of the fields every check has, shared by the API and the agent's CLI.</summary>
public static class CheckSpec
{
    /// <summary>The default timeout: it bounds resolve, connect, handshake and send.</summary>
    public const double DefaultTimeoutSeconds = 5;

    /// <summary>Longest accepted timeout; a longer one is almost always a unit mistake.</summary>
    public const double MaxTimeoutSeconds = 300;

    /// <summary>
    /// Validates kind, target, interval, timeout and family. Returns errors keyed by field name
    /// (camelCase, as in the API); empty when valid.
    /// </summary>
    public static Dictionary<string, string[]> Validate(string? kind, string? target, int? intervalSeconds,
        double? timeoutSeconds, string? family, bool allowMesh = true)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(kind))
            errors["kind"] = ["kind is required"];
        else if (!CheckKinds.IsKnown(kind))
            errors["kind"] = [$"unknown kind '{kind}'; known kinds: {string.Join(", ", CheckKinds.All)}"];
        else if (!Targets.TryParse(kind, target, out _, out var targetError, allowMesh))
            errors["target"] = [targetError];

        if (intervalSeconds is null)
            errors["intervalSeconds"] = ["intervalSeconds is required"];
        else if (intervalSeconds < 1)
            errors["intervalSeconds"] = ["intervalSeconds must be at least 1"];
        else if (intervalSeconds > 86400)
            errors["intervalSeconds"] = ["intervalSeconds must be at most 86400"];

        if (timeoutSeconds is { } t)
        {
            if (double.IsNaN(t) || t <= 0)
                errors["timeoutSeconds"] = ["timeoutSeconds must be greater than 0"];
            else if (t > MaxTimeoutSeconds)
                errors["timeoutSeconds"] = [$"timeoutSeconds must be at most {MaxTimeoutSeconds}"];
            else if (intervalSeconds is >= 1 && t > intervalSeconds)
                errors["timeoutSeconds"] = ["timeoutSeconds must not exceed intervalSeconds"];
        }

        if (family is not null && !Families.IsKnown(family))
            errors["family"] = [$"unknown family '{family}'; use auto, ipv4, ipv6 or both"];
        return errors;
    }
}
