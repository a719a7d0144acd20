using System.Net;
using System.Net.Sockets;

namespace Linkwatch.TestSupport;

/// <summary>Runs of consecutive free ports, for programs that take a base port rather than port 0.</summary>
public static class FreePorts
{
    /// <summary>
    /// A base port whose next <paramref name="count"/> TCP ports (and UDP ports) are free right now on
    /// every address. Another process may still take one before the caller does; the range is random to make that unlikely.
    /// </summary>
    public static int Block(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(20_000, 60_000);
            var held = new List<IDisposable>();
            try
            {
                for (var port = start; port < start + count; port++)
                {
                    var tcp = new TcpListener(IPAddress.IPv6Any, port);
                    tcp.Server.DualMode = true;
                    tcp.Start();
                    held.Add(tcp.Server);
                    var udp = new UdpClient(AddressFamily.InterNetworkV6);
                    udp.Client.DualMode = true;
                    held.Add(udp);
                    udp.Client.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                }
                return start;
            }
            catch (SocketException)
            {
            }
            finally
            {
                foreach (var h in held)
                    h.Dispose();
            }
        }
        throw new InvalidOperationException($"no {count} consecutive free ports found");
    }
}
