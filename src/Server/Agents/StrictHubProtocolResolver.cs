using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Linkwatch.Server.Agents;

/// <summary>
/// Picks a hub's protocol by name, as SignalR's own resolver does, except that <c>json</c> is always
/// <see cref="StrictJsonHubProtocol"/>: other features (the dashboard's circuits) register SignalR again and with it
/// the lenient JSON protocol under the same name.
/// </summary>
public sealed class StrictHubProtocolResolver : IHubProtocolResolver
{
    private readonly Dictionary<string, IHubProtocol> _byName;

    public StrictHubProtocolResolver(IEnumerable<IHubProtocol> protocols, StrictJsonHubProtocol json)
    {
        _byName = new Dictionary<string, IHubProtocol>(StringComparer.OrdinalIgnoreCase);
        foreach (var protocol in protocols.Where(p => p is not JsonHubProtocol))
            _byName.TryAdd(protocol.Name, protocol);
        _byName[json.Name] = json;
        AllProtocols = [.. _byName.Values];
    }

    public IReadOnlyList<IHubProtocol> AllProtocols { get; }

    public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols) =>
        _byName.TryGetValue(protocolName, out var protocol)
        && (supportedProtocols is null || supportedProtocols.Contains(protocolName, StringComparer.OrdinalIgnoreCase))
            ? protocol
            : null;
}
