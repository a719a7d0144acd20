namespace Linkwatch.Shared.Protocol;

/// <summary>
/// The keep-alive contract of <c>/hubs/agent</c>. Both ends must agree: each side pings at
/// <see cref="KeepAliveInterval"/> and drops the other after <see cref="PeerTimeout"/> of silence, so
/// a silently dead connection (no FIN, no RST) is noticed by both within that time, and the server
/// marks the agent offline while the agent reconnects.
/// </summary>
public static class HubTimeouts
{
    /// <summary>
    /// How often each side pings. A third of <see cref="PeerTimeout"/>, so two lost pings do not yet drop a
    /// live peer (SignalR's own default is half, which tolerates only one).
    /// </summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Silence after which a side gives the connection up: the server's <c>ClientTimeoutInterval</c>
    /// and the agent's <c>ServerTimeout</c>. It must stay above twice the other side's keep-alive.
    /// </summary>
    public static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one connect attempt of the agent may take. Without it an attempt made during a silent outage waits for
    /// the kernel's SYN retransmissions (tens of seconds); with it and the retry backoff capped at 5 s, the agent is back
    /// within about 10 s of the path healing, however long the outage was.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the agent waits for the answer to one invocation (Hello, a batch) before it retries.</summary>
    public static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How much longer than the check's timeout the server waits for a <c>RunNow</c> answer: a probe may overrun its
    /// deadline by a little (the runner's grace, a close-propagation deadline), and the answer has to travel.
    /// </summary>
    public static readonly TimeSpan RunNowAnswerSlack = TimeSpan.FromSeconds(10);
}
