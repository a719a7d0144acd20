using System.Net.NetworkInformation;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.State;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Agent.Link;

/// <summary>What the agent says about itself in Hello: version, host, addresses, and where its responder listens.</summary>
internal sealed class HelloBuilder(AgentRuntimeOptions options, IServiceProvider services)
{
    /// <summary>How long Hello waits for the responder's listeners to bind, so it can report their ports.</summary>
    private static readonly TimeSpan ResponderBindWait = TimeSpan.FromSeconds(10);

    public async Task<AgentHello> BuildAsync(CancellationToken cancellationToken)
    {
        var addresses = LocalAddresses();
        var responder = await ResponderPortsAsync(cancellationToken);
        return new AgentHello
        {
            Version = ServerLink.AgentVersion,
            HostName = System.Net.Dns.GetHostName(),
            Addresses = addresses,
            Responder = responder,
            ResponderAddresses = responder is null ? null : AdvertisedAddresses(addresses),
        };
    }

    /// <summary>The responder's bound ports, or null when this agent runs none (or it did not bind in time).</summary>
    private async Task<ResponderPorts?> ResponderPortsAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ResponderService>() is not { } responder)
            return null;
        try
        {
            var bound = await Task.WhenAll(responder.TcpEchoPort, responder.HalfClosePort, responder.UdpEchoPort,
                responder.CloseAfterPort, responder.HttpHealthPort).WaitAsync(ResponderBindWait, cancellationToken);
            static int? Port(int p) => p > 0 ? p : null;
            return new ResponderPorts
            {
                TcpEcho = Port(bound[0]),
                HalfCloseEcho = Port(bound[1]),
                UdpEcho = Port(bound[2]),
                CloseAfter = Port(bound[3]),
                Http = Port(bound[4]),
            };
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where other agents should reach the responder: the configured addresses, else its listen address
    /// when that is a specific one, else the host's non-loopback addresses.
    /// </summary>
    private List<string> AdvertisedAddresses(List<string> localAddresses)
    {
        if (options.AdvertiseAddresses is { Count: > 0 } configured)
            return [.. configured];
        if (options.Responder?.Address is { } listen && !listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
            return [listen.ToString()];
        return localAddresses;
    }

    private static List<string> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal)
                .Select(a => a.ToString())
                .Take(32)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
