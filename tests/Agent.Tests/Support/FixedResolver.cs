using System.Net;
using System.Net.Sockets;
using Linkwatch.Agent.Net;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>
/// Resolves made-up names to fixed addresses. This host's localhost has no ::1, so a name with
/// both families has to come from here to exercise <c>family: both</c> with real sockets.
/// </summary>
internal sealed class FixedResolver(Dictionary<string, IPAddress[]> names) : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
