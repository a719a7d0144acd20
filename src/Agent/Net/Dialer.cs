using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Agent.Net;

/// <summary>
/// The agent's single resolve+connect path. Probes, the HTTP handlers and the WebSocket to the
/// server all dial through here, so one name never resolves two ways inside one agent.
/// </summary>
public sealed partial class Dialer
{
    private readonly IHostResolver _resolver;
    private readonly ILogger _logger;

    public Dialer(IHostResolver resolver, ILogger<Dialer>? logger = null)
    {
        _resolver = resolver;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>A dialer over the system resolver, for code without dependency injection.</summary>
    public static Dialer Shared { get; } = new(SystemResolver.Instance);

    /// <summary>
    /// Resolves <paramref name="host"/> (unless it is an IP literal) and connects a TCP socket.
    /// <paramref name="family"/> is <c>auto</c> (resolver order, next address on failure),
    /// <c>ipv4</c> or <c>ipv6</c>. Network failures and the expiry of <paramref name="timeout"/>
    /// come back as a verdict; only <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<DialResult> DialAsync(string host, int port, string family, TimeSpan timeout,
        CancellationToken cancellationToken, DialTrace? trace = null)
    {
        if (family is not (Families.Auto or Families.Ipv4 or Families.Ipv6))
            throw new ArgumentException($"family must be auto, ipv4 or ipv6 for one dial, not '{family}'", nameof(family));
        trace ??= new DialTrace();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
            deadline.CancelAfter(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);

        var result = await DialCoreAsync(host.Trim('[', ']'), port, family, trace, deadline.Token, cancellationToken)
            .ConfigureAwait(false);
        trace.Result = result;
        trace.Stage = result.Connected ? DialStage.Connected : DialStage.Failed;
        return result;
    }

    /// <summary>
    /// Like <see cref="DialAsync"/>, but returns a stream over the connected socket and throws
    /// <see cref="DialFailedException"/> on failure: the shape an HTTP connect callback needs.
    /// </summary>
    public async Task<Stream> ConnectStreamAsync(string host, int port, string family, TimeSpan timeout,
        CancellationToken cancellationToken, DialTrace? trace = null)
    {
        trace ??= new DialTrace();
        var result = await DialAsync(host, port, family, timeout, cancellationToken, trace).ConfigureAwait(false);
        if (result.Socket is not { } socket)
            throw new DialFailedException(result);
        return new CountingStream(new NetworkStream(socket, ownsSocket: true), trace);
    }

    /// <summary>The resolver behind this dialer, for probes that look names up without connecting.</summary>
    public IHostResolver Resolver => _resolver;

    /// <summary>
    /// Resolves <paramref name="host"/> for a connectionless probe (UDP, ICMP) exactly as a dial would:
    /// same resolver, same family filter. On success the verdict is ok, <see cref="DialResult.Address"/>
    /// is the first candidate and <see cref="DialResult.Socket"/> is null.
    /// </summary>
    public async Task<DialResult> ResolveAsync(string host, string family, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
            deadline.CancelAfter(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        var (failure, resolved, candidates, resolveMs) = await ResolveCoreAsync(host.Trim('[', ']'), family, new DialTrace(),
            deadline.Token, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return failure;
        return new DialResult
        {
            Verdict = Verdicts.Ok,
            Family = AddressFamilies.NameOf(candidates[0]),
            Address = candidates[0],
            Resolved = resolved,
            ResolveMs = resolveMs,
        };
    }

    private async Task<(DialResult? Failure, IPAddress[] Resolved, IPAddress[] Candidates, double? ResolveMs)> ResolveCoreAsync(
        string host, string family, DialTrace trace, CancellationToken deadline, CancellationToken cancellationToken)
    {
        IPAddress[] resolved;
        double? resolveMs = null;
        if (IPAddress.TryParse(host, out var literal))
        {
            resolved = [literal];
        }
        else
        {
            trace.Stage = DialStage.Resolving;
            var start = Stopwatch.GetTimestamp();
            try
            {
                resolved = await _resolver.ResolveAsync(host, deadline).ConfigureAwait(false);
                resolveMs = trace.ResolveMs = Timings.Since(start);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (ResolveFailed(host, "timed out resolving", Timings.Since(start)), [], [], null);
            }
            catch (SocketException e)
            {
                return (ResolveFailed(host, SocketVerdicts.Describe(e.SocketErrorCode), Timings.Since(start)), [], [], null);
            }
            if (resolved.Length == 0)
                return (ResolveFailed(host, "the resolver returned no addresses", resolveMs.Value), [], [], null);
        }

        var candidates = resolved.Where(a => AddressFamilies.Matches(a, family)).ToArray();
        if (candidates.Length == 0)
        {
            return (new DialResult
            {
                Verdict = Verdicts.NoAddress,
                Error = $"{host} has no {family} address",
                Family = family,
                Resolved = resolved,
                ResolveMs = resolveMs,
            }, resolved, [], resolveMs);
        }
        return (null, resolved, candidates, resolveMs);

        static DialResult ResolveFailed(string name, string why, double ms) => new()
        {
            Verdict = Verdicts.ResolveFailed,
            Error = $"resolving {name}: {why}",
            ResolveMs = ms,
        };
    }

    private async Task<DialResult> DialCoreAsync(string host, int port, string family, DialTrace trace,
        CancellationToken deadline, CancellationToken cancellationToken)
    {
        var (failure, resolved, candidates, resolveMs) =
            await ResolveCoreAsync(host, family, trace, deadline, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
            return failure;

        trace.Stage = DialStage.Connecting;
        var connectStart = Stopwatch.GetTimestamp();
        var errors = new List<string>();
        DialResult? last = null;
        for (var i = 0; i < candidates.Length; i++)
        {
            var address = candidates[i];
            trace.Address = address;
            var isLast = i == candidates.Length - 1;
            last = await ConnectOneAsync(address, port, isLast, deadline, cancellationToken).ConfigureAwait(false);
            if (last.Connected)
            {
                trace.ConnectMs = Timings.Since(connectStart);
                trace.ConnectedAt = Stopwatch.GetTimestamp();
                return last with { Resolved = resolved, ResolveMs = resolveMs, ConnectMs = trace.ConnectMs };
            }
            errors.Add(last.Error!);
            if (!isLast)
                Log.TryingNextAddress(_logger, host, port, AddressFamilies.Format(address), last.Verdict);
            if (deadline.IsCancellationRequested)
                break;
        }
        return last! with
        {
            Error = string.Join("; ", errors),
            Resolved = resolved,
            ResolveMs = resolveMs,
            ConnectMs = Timings.Since(connectStart),
        };
    }

    private static async Task<DialResult> ConnectOneAsync(IPAddress address, int port, bool isLast,
        CancellationToken deadline, CancellationToken cancellationToken)
    {
        var endPoint = AddressFamilies.FormatEndPoint(address, port);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // An address that blackholes must not eat the whole deadline while others wait untried
        // (browsers race them; trying in order with a share of the time is enough for a monitor).
        using var share = isLast ? null : CancellationTokenSource.CreateLinkedTokenSource(deadline);
        share?.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), share?.Token ?? deadline).ConfigureAwait(false);
            return new DialResult
            {
                Socket = socket,
                Verdict = Verdicts.Ok,
                Family = AddressFamilies.NameOf(address),
                Address = address,
            };
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
                throw;
            var (verdict, why) = e is SocketException se
                ? (SocketVerdicts.ForConnect(se.SocketErrorCode), SocketVerdicts.Describe(se.SocketErrorCode))
                : (Verdicts.ConnectTimeout, "timed out");
            return new DialResult
            {
                Verdict = verdict,
                Error = $"connect to {endPoint}: {why}",
                Family = AddressFamilies.NameOf(address),
                Address = address,
            };
        }
    }
}
