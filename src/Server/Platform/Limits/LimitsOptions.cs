namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// The <c>Limits</c> section: how many connections the server keeps open and how fast one agent or one address may go.
/// The defaults let an honest fleet (and a backlog flush after an outage) through and refuse floods.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Open connections at most, all kinds together; 0 derives it from the process's file descriptor limit (less a
    /// reserve for the store, logs and outgoing connections), so a flood is refused before descriptors run out.
    /// </summary>
    public int MaxConnections { get; set; }

    /// <summary>Connections no request has authenticated yet, from all addresses together; 0 is three quarters of <see cref="MaxConnections"/>, leaving the rest to agents and signed-in people.</summary>
    public int MaxAnonymousConnections { get; set; }

    /// <summary>Connections no request has authenticated yet, from one address.</summary>
    public int AnonymousConnectionsPerAddress { get; set; } = 256;

    /// <summary>
    /// How long a new connection over its address's anonymous limit waits for a slot before it is closed: agents
    /// connecting all at once from one address are anonymous only until their first request authenticates.
    /// </summary>
    public int AnonymousQueueSeconds { get; set; } = 5;

    /// <summary>Time a client has to send a request's headers (Kestrel's default is 30 s, generous to slow-sending attackers).</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>How long an idle keep-alive connection stays open (Kestrel's default is 130 s).</summary>
    public int KeepAliveTimeoutSeconds { get; set; } = 30;

    /// <summary>Results one agent may submit per second, sustained; faster senders get their acks later.</summary>
    public int ResultsPerSecond { get; set; } = 1000;

    /// <summary>Results one agent may submit at once above the sustained rate: a backlog flush after an outage.</summary>
    public int ResultsBurst { get; set; } = 50_000;

    /// <summary>Network events one agent may submit per second, sustained.</summary>
    public int EventsPerSecond { get; set; } = 100;

    /// <summary>Network events one agent may submit at once (one full call).</summary>
    public int EventsBurst { get; set; } = 1000;

    /// <summary>Seconds between two Hello calls of one agent; an earlier one is answered when its turn comes.</summary>
    public int HelloIntervalSeconds { get; set; } = 5;

    /// <summary>Failed sign-ins from one address per minute; more are refused (429) until the minute has passed. Successes are not counted.</summary>
    public int FailedSignInsPerMinute { get; set; } = 10;

    /// <summary>Failed enrollments (wrong token, taken or invalid name) from one address per minute; successes are not counted.</summary>
    public int FailedEnrollmentsPerMinute { get; set; } = 10;
}
