using System.Net.Sockets;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>Small socket chores shared by the test servers.</summary>
internal static class SocketHelpers
{
    /// <summary>Everything the peer sends until its FIN.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            all.Write(buffer, 0, read);
        return all.ToArray();
    }

    /// <summary>Closes with an RST instead of a FIN: linger on with a zero timeout.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
