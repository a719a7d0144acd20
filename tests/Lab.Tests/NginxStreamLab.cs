using Linkwatch.Lab.Tests.Infrastructure;

namespace Linkwatch.Lab.Tests;

/// <summary>
/// One lab for the half-close tests: in the server namespace the agent's responder (an echo that
/// answers as bytes arrive), a reply-after-EOF service (answers only after the request's FIN), and
/// one nginx whose stream servers put a proxy with <c>proxy_half_close on</c> and one with it off
/// in front of each.
/// </summary>
public sealed class NginxStreamLab : IAsyncLifetime
{
    public const int ReplyAfterEof = 7700;
    public const int EchoHalfCloseOn = 9000;
    public const int EchoHalfCloseOff = 9001;
    public const int ReplyAfterEofHalfCloseOn = 9010;
    public const int ReplyAfterEofHalfCloseOff = 9011;

    private NetLab? _lab;

    public NetLab Lab => _lab ?? throw new InvalidOperationException("the lab was not started");

    public async Task InitializeAsync()
    {
        // Skipped tests need no lab; in CI nothing is skipped and CreateAsync names a missing piece.
        if (LabEnvironment.SkipReason is not null)
            return;
        _lab = await NetLab.CreateAsync();
        await _lab.StartResponderAsync();
        await _lab.StartReplyAfterEofServerAsync(ReplyAfterEof);
        await _lab.StartNginxStreamAsync($$"""
                server { listen {{EchoHalfCloseOn}}; listen [::]:{{EchoHalfCloseOn}}; proxy_pass 127.0.0.1:{{NetLab.HalfCloseEcho}}; proxy_half_close on; }
                server { listen {{EchoHalfCloseOff}}; listen [::]:{{EchoHalfCloseOff}}; proxy_pass 127.0.0.1:{{NetLab.HalfCloseEcho}}; proxy_half_close off; }
                server { listen {{ReplyAfterEofHalfCloseOn}}; listen [::]:{{ReplyAfterEofHalfCloseOn}}; proxy_pass 127.0.0.1:{{ReplyAfterEof}}; proxy_half_close on; }
                server { listen {{ReplyAfterEofHalfCloseOff}}; listen [::]:{{ReplyAfterEofHalfCloseOff}}; proxy_pass 127.0.0.1:{{ReplyAfterEof}}; proxy_half_close off; }
            """, EchoHalfCloseOn, EchoHalfCloseOff, ReplyAfterEofHalfCloseOn, ReplyAfterEofHalfCloseOff);
        await _lab.WriteClientHostsAsync($"{NetLab.ServerV4} proxy.lab\n{NetLab.ServerV6} proxy.lab\n");
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
            await _lab.DisposeAsync();
    }
}
