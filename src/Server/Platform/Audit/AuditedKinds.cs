namespace Linkwatch.Server.Platform.Audit;

/// <summary>How the audit log names one kind of object, which of its fields are bookkeeping and which are secrets.</summary>
/// <param name="Kind">The kind of object, as the log names it.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Ignored">Bookkeeping fields, never recorded.</param>
/// <param name="Secret">Fields recorded only as "changed".</param>
/// <param name="Shown">What the log records for a field's value, for fields that hold secrets inside (a check's options).</param>
public sealed record AuditedKind(string Kind, Func<object, string?> Name, IReadOnlySet<string> Ignored, IReadOnlySet<string> Secret,
    Func<string, object?, object?>? Shown = null);

/// <summary>The configuration the audit log follows. Results, alerts and deliveries are history, not configuration.</summary>
public static class AuditedKinds
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    // A check's options hold its write-only secrets (basicAuth, bearer): the log shows them masked. A push check's token
    // is its push URL: a credential, never written into the audit log.
    private static readonly AuditedKind Checks = new("check", e => ((Check)e).Name, Set("CreatedAt", "UpdatedAt"), Set("PushToken"),
        (field, value) => field == nameof(Check.Options) && value is string json ? Linkwatch.Server.Checks.CheckSecrets.Masked(json) : value);
    private static readonly AuditedKind Rules = new("alert rule", e => ((AlertRule)e).Name, Set("CreatedAt"), None);
    private static readonly AuditedKind Channels = new("channel", e => ((AlertChannel)e).Name, Set("CreatedAt"), Set("Settings"));
    private static readonly AuditedKind Silences = new("silence", e => ((Silence)e).Reason, Set("CreatedAt"), None);
    private static readonly AuditedKind Windows = new("maintenance window", e => ((MaintenanceWindow)e).Name, Set("CreatedAt"), None);
    // An agent's own reports (last seen, version, addresses, responder) are not configuration changes.
    private static readonly AuditedKind Agents = new("agent", e => ((Store.Agent)e).Name,
        Set("CreatedAt", "LastSeen", "Version", "Addresses", "ResponderAddresses", "ResponderPorts"), Set("CredentialHash"));
    private static readonly AuditedKind Tokens = new("enrollment token", e => ((EnrollmentToken)e).Name ?? "any new agent",
        Set("CreatedAt", "UsedAt", "UsedBy"), Set("TokenHash"));
    private static readonly AuditedKind StatusPages = new("status page", e => ((StatusPage)e).Slug, Set("CreatedAt", "UpdatedAt"), None);
    private static readonly AuditedKind Keys = new("API key", e => ((ApiKey)e).Name, Set("CreatedAt", "LastUsedAt", "KeyHash"), None);

    public static AuditedKind? Of(object entity) => entity switch
    {
        Check => Checks,
        AlertRule => Rules,
        AlertChannel => Channels,
        Silence => Silences,
        MaintenanceWindow => Windows,
        Store.Agent => Agents,
        EnrollmentToken => Tokens,
        ApiKey => Keys,
        StatusPage => StatusPages,
        _ => null,
    };

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
