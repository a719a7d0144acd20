using System.Diagnostics;
using System.Security.Cryptography;

namespace Linkwatch.Agent.Probes;

/// <summary>Reads a socket to its end for the connection-semantics probes, hashing as it goes.</summary>
public static class StreamReceiver
{
    /// <summary>
    /// Reads until FIN, RST or <paramref name="deadline"/>, never throwing for those: how the
    /// stream ended is the measurement. Only <paramref name="cancellationToken"/> (the caller) throws.
    /// </summary>
    public static async Task<ReceiveSummary> ReceiveToEndAsync(Socket socket, int keep, CancellationToken deadline,
        CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var kept = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long count = 0;
        long firstByteAt = 0;
        SocketError? error = null;
        var timedOut = false;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline).ConfigureAwait(false);
                if (read == 0)
                    break;
                if (count == 0)
                    firstByteAt = Stopwatch.GetTimestamp();
                count += read;
                hash.AppendData(buffer, 0, read);
                if (kept.Length < keep)
                    kept.Write(buffer, 0, (int)Math.Min(read, keep - kept.Length));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }
        catch (SocketException e)
        {
            error = e.SocketErrorCode;
        }
        return new ReceiveSummary
        {
            Count = count,
            Sha256 = hash.GetHashAndReset(),
            Kept = kept.ToArray(),
            FirstByteAt = firstByteAt,
            EndedAt = Stopwatch.GetTimestamp(),
            Error = error,
            TimedOut = timedOut,
        };
    }
}
