using System.Net;
using System.Net.Sockets;

namespace Linkwatch.TestSupport;

/// <summary>Loopback listeners on ephemeral ports.</summary>
public static class Listeners
{
    public static TcpListener Start(IPAddress address, int port = 0)
    {
        var listener = new TcpListener(address, port);
        listener.Start();
        return listener;
    }

    public static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>A port nothing listens on: bound once by us, then released.</summary>
    public static int ClosedPort(IPAddress address)
    {
        var listener = Start(address);
        var port = PortOf(listener);
        listener.Stop();
        return port;
    }

    /// <summary>Listeners on 127.0.0.1 and ::1 with the same port (retried: the v6 port may be taken).</summary>
    public static (TcpListener V4, TcpListener V6) StartDual()
    {
        for (var i = 0; i < 20; i++)
        {
            var v4 = Start(IPAddress.Loopback);
            try
            {
                return (v4, Start(IPAddress.IPv6Loopback, PortOf(v4)));
            }
            catch (SocketException)
            {
                v4.Stop();
            }
        }
        throw new InvalidOperationException("no port free on both 127.0.0.1 and ::1");
    }
}
