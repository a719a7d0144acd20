using System.Diagnostics.CodeAnalysis;

namespace Linkwatch.Agent.Probes;

/// <summary>The probes by kind name; the runner looks kinds up here and nowhere else.</summary>
public sealed class ProbeRegistry
{
    private readonly Dictionary<string, IProbe> _probes = new(StringComparer.Ordinal);

    public ProbeRegistry(IEnumerable<IProbe> probes)
    {
        foreach (var probe in probes)
        {
            if (!_probes.TryAdd(probe.Kind, probe))
                throw new ArgumentException($"two probes for kind '{probe.Kind}'", nameof(probes));
        }
    }

    /// <summary>
    /// Every probe the agent implements. <paramref name="stateDirectory"/> is where probes that
    /// remember (resolve) keep their state; null remembers nothing.
    /// </summary>
    public static ProbeRegistry CreateDefault(string? stateDirectory = null) => new(
    [
        new TcpProbe(),
        new HttpProbe(),
        new WebSocketProbe(),
        new HalfCloseProbe(),
        new ClosePropagationProbe(),
        new UdpProbe(),
        new TlsProbe(),
        new DnsProbe(),
        new ResolveProbe(stateDirectory),
        new IcmpProbe(),
        new GrpcProbe(),
    ]);

    public IEnumerable<string> Kinds => _probes.Keys;

    public bool TryGet(string kind, [NotNullWhen(true)] out IProbe? probe) => _probes.TryGetValue(kind, out probe);
}
