using Linkwatch.Shared.Kinds;

namespace Linkwatch.Shared;

/// <summary>The check kind names. They are a contract: configuration, API, CLI and storage use them.</summary>
public static class CheckKinds
{
    public const string Tcp = "tcp";
    public const string Tls = "tls";
    public const string Http = "http";
    public const string WebSocket = "websocket";
    public const string Dns = "dns";
    public const string Udp = "udp";
    public const string HalfClose = "half-close";
    public const string ClosePropagation = "close-propagation";
    public const string Resolve = "resolve";
    public const string Icmp = "icmp";
    public const string Grpc = "grpc";
    /// <summary>Run by the server, not an agent: the monitored job calls the check's push URL.</summary>
    public const string Push = "push";

    /// <summary>Every kind, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Tcp, Tls, Http, WebSocket, Dns, Udp, HalfClose, ClosePropagation, Resolve, Icmp, Grpc, Push];

    /// <summary>Whether <paramref name="kind"/> names a known check kind (exact, lower case).</summary>
    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);

    /// <summary>The kind's target form (see <see cref="ICheckKind.TargetForm"/>).</summary>
    public static TargetForm TargetFormOf(string kind) =>
        CheckKindCatalog.TryGet(kind, out var descriptor) ? descriptor.TargetForm : TargetForm.HostPort;

    /// <summary>Whether agents run <paramref name="kind"/>; a push check is the server's alone.</summary>
    public static bool RunsOnAgents(string kind) => kind != Push;

    /// <summary>Kinds that open connections and so take an address family.</summary>
    public static bool TakesFamily(string kind) => !CheckKindCatalog.TryGet(kind, out var descriptor) || descriptor.TakesFamily;
}
