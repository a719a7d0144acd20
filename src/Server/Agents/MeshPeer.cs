namespace Linkwatch.Server.Agents;

/// <summary>An agent as a mesh target: where its responder can be reached, as it last advertised.</summary>
public sealed record MeshPeer(string Name, bool Revoked, IReadOnlyList<string> Addresses, ResponderPorts? Ports)
{
    /// <summary>Whether other agents can be pointed at it at all.</summary>
    public bool IsTarget => !Revoked && Ports is not null && Addresses.Count > 0;
}
