namespace Linkwatch.Agent.Net;

/// <summary>Turns a host name into addresses, in the order the connect path should try them.</summary>
public interface IHostResolver
{
    /// <summary>
    /// Resolves <paramref name="host"/>; throws <see cref="System.Net.Sockets.SocketException"/> when the
    /// name does not resolve and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
