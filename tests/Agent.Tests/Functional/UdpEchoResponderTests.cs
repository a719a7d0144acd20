using System.Net;
using System.Net.Sockets;
using Linkwatch.Agent.Responder;
using Linkwatch.Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Tests.Functional;

public class UdpEchoResponderTests
{
    [Fact]
    public async Task Udp_echo_answers_with_the_same_bytes_and_at_most_the_rate_per_source()
    {
        using var stop = new CancellationTokenSource();
        var echo = new UdpEchoListener(IPAddress.Loopback, 0, 5, new CapturingLogger());
        var running = echo.RunAsync(stop.Token);
        var port = await echo.Bound.OrTimeout();

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).OrTimeout();
        var payload = new byte[] { 1, 2, 3, 4, 5, 6, 7 };
        for (var i = 0; i < 20; i++)
            await client.SendAsync(payload, SocketFlags.None).OrTimeout();

        var replies = 0;
        var buffer = new byte[1024];
        while (true)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                var n = await client.ReceiveAsync(buffer, SocketFlags.None, quiet.Token);
                Assert.Equal(payload, buffer[..n]);
                replies++;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await stop.CancelAsync();
        await running.OrTimeout();
        // A burst of 5, plus whatever trickled in while 20 datagrams crossed loopback.
        Assert.InRange(replies, 5, 6);
    }

    [Fact]
    public async Task Udp_echo_rebuilds_a_socket_closed_under_it_and_logs_it_once()
    {
        using var stop = new CancellationTokenSource();
        var logger = new CapturingLogger();
        var echo = new UdpEchoListener(IPAddress.Loopback, 0, 50, logger);
        var running = echo.RunAsync(stop.Token);
        var port = await echo.Bound.OrTimeout();

        echo.CurrentSocket!.Dispose();
        await Eventually.TrueAsync(() => echo.Rebuilds == 1 && echo.CurrentSocket is not null, "the rebuild");
        // Time in which a loop that warns instead of rebuilding would log thousands of lines.
        await Task.Delay(500);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).OrTimeout();
        await client.SendAsync(new byte[] { 42 }, SocketFlags.None).OrTimeout();
        var buffer = new byte[16];
        var n = await client.ReceiveAsync(buffer, SocketFlags.None).OrTimeout();
        Assert.Equal([42], buffer[..n]);

        await stop.CancelAsync();
        await running.OrTimeout();
        var problems = logger.Entries.Where(e => e.Level >= LogLevel.Warning).ToArray();
        Assert.Single(problems);
        Assert.Contains("rebuilding it", problems[0].Message);
        Assert.Single(logger.Entries, e => e.EventId.Name == "UdpEchoRebuilt");
        Assert.InRange(logger.Entries.Count, 3, 4);
        Assert.Equal(1, echo.Rebuilds);
    }
}
