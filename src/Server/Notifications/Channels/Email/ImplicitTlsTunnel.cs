using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>
/// SmtpClient only speaks STARTTLS, never TLS from the first byte (SMTPS, port 465). For <c>security: tls</c>
/// the channel points SmtpClient at this one-connection loopback listener, which opens the TLS session to
/// the relay itself (checked by the channel's <see cref="EmailTrust"/>) and copies bytes both ways. Only
/// the in-process hop over loopback is plain; the listener takes the first loopback connection and closes.
/// </summary>
public sealed class ImplicitTlsTunnel : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;

    private ImplicitTlsTunnel() { }

    public int LocalPort => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connects to the relay and completes the TLS handshake before SmtpClient is let in, so trust failures are reported as such.</summary>
    public static async Task<ImplicitTlsTunnel> OpenAsync(string host, int port, EmailTrust trust, CancellationToken cancellationToken)
    {
        var tunnel = new ImplicitTlsTunnel();
        var relay = new TcpClient { NoDelay = true };
        SslStream? tls = null;
        try
        {
            await relay.ConnectAsync(host, port, cancellationToken);
            tls = new SslStream(relay.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                RemoteCertificateValidationCallback = (_, cert, chain, errors) => trust.Validate(cert, chain, errors),
            }, cancellationToken);
            tunnel._listener.Start(1);
            tunnel._pump = tunnel.PumpAsync(relay, tls);
            return tunnel;
        }
        catch
        {
            if (tls is not null)
                await tls.DisposeAsync();
            relay.Dispose();
            await tunnel.DisposeAsync();
            throw;
        }
    }

    private async Task PumpAsync(TcpClient relay, SslStream tls)
    {
        using var _ = relay;
        await using var __ = tls;
        var token = _stop.Token;
        try
        {
            TcpClient local;
            do
            {
                local = await _listener.AcceptTcpClientAsync(token);
                if (local.Client.RemoteEndPoint is IPEndPoint { Address: var a } && IPAddress.IsLoopback(a))
                    break;
                local.Dispose();
            }
            while (true);
            _listener.Stop();
            using (local)
            {
                var plain = local.GetStream();
                // Whichever side closes first ends the session; the other copy is cancelled.
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token);
                var up = plain.CopyToAsync(tls, linked.Token);
                var down = tls.CopyToAsync(plain, linked.Token);
                await Task.WhenAny(up, down);
                await linked.CancelAsync();
                await Task.WhenAll(up, down).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The send reports its own failure; a tunnel ending mid-session is not a second error.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _pump;
        _stop.Dispose();
    }
}
