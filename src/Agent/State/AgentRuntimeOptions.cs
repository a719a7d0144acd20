using Linkwatch.Agent.Responder;
using Linkwatch.Shared.Protocol;

namespace Linkwatch.Agent.State;

/// <summary>How one agent instance runs. The CLI and the server's embedded agent both fill it.</summary>
public sealed class AgentRuntimeOptions
{
    public required string DataDirectory { get; init; }
    public required AgentCredentials Credentials { get; init; }
    /// <summary>The responder's listeners, or null to run without one.</summary>
    public ResponderOptions? Responder { get; init; } = new();
    /// <summary>
    /// The addresses other agents should use for this agent's responder (mesh checks). Null: the
    /// responder's listen address when it is a specific one, else the host's non-loopback addresses.
    /// </summary>
    public IReadOnlyList<string>? AdvertiseAddresses { get; init; }
    /// <summary>Whether to watch the host's network and report its changes (addresses, routes, interfaces).</summary>
    public bool WatchNetwork { get; init; } = true;
    /// <summary>Most results sent in one hub invocation; at most <see cref="HubLimits.MaxResultsPerCall"/>.</summary>
    public int SendBatchSize { get; init; } = HubLimits.ResultBatchSize;
    /// <summary>Oldest results are dropped past this many unsent ones, so a long outage cannot fill the disk.</summary>
    public int OutboxCapacity { get; init; } = 1_000_000;
}
