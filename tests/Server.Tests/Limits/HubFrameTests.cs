using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Server.Platform.Store;
using Microsoft.EntityFrameworkCore;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Server.Tests.Limits;

/// <summary>
/// Raw hub frames from an authenticated agent that does not play by the protocol: every one gets a clean error or
/// ends the connection within a bound, nothing invalid is stored, and an honest agent keeps being served.
/// </summary>
public sealed class HubFrameTests : IAsyncLifetime
{
    private const char RecordSeparator = '\u001e';
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_message_of_an_unknown_type_closes_the_connection_with_an_error_instead_of_leaving_it_silent()
    {
        var credential = await _server.EnrollAsync("unknown-type");
        using var socket = await HandshakenAsync(credential);

        await SendAsync(socket, "{\"type\":99,\"invocationId\":\"1\"}" + RecordSeparator);

        // Pings (type 6) keep coming every 5 s on a live connection; within 10 s the close must have come instead.
        var outcome = await NextOutcomeAsync(socket, TimeSpan.FromSeconds(10));
        Assert.Equal(Outcome.Closed, outcome.Kind);
    }

    public static TheoryData<string, string, Outcome> Frames => new()
    {
        { "malformed JSON", "{\"type\":1,\"target\":\"SubmitResults\",\"arguments\":[[{" + RecordSeparator, Outcome.Closed },
        { "not an object", "[1,2,3]" + RecordSeparator, Outcome.Closed },
        { "type as a string", "{\"type\":\"1\",\"invocationId\":\"1\",\"target\":\"Hello\",\"arguments\":[{}]}" + RecordSeparator, Outcome.Closed },
        { "no type", "{\"invocationId\":\"1\",\"target\":\"Hello\",\"arguments\":[{}]}" + RecordSeparator, Outcome.Closed },
        { "oversized", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubmitResults\",\"arguments\":[\"" + new string('x', 5 * 1024 * 1024) + "\"]}" + RecordSeparator, Outcome.Closed },
        { "unknown target", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"DropEverything\",\"arguments\":[]}" + RecordSeparator, Outcome.Error },
        { "results as a string", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubmitResults\",\"arguments\":[\"all of them\"]}" + RecordSeparator, Outcome.Error },
        { "results as numbers", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubmitResults\",\"arguments\":[[1,2,3]]}" + RecordSeparator, Outcome.Error },
        { "a result with a bad id", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubmitResults\",\"arguments\":[[{\"id\":\"nope\",\"checkId\":1}]]}" + RecordSeparator, Outcome.Error },
        { "events as an object", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubmitEvents\",\"arguments\":[{\"kind\":\"x\"}]}" + RecordSeparator, Outcome.Error },
        { "too many arguments", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"SubmitResults\",\"arguments\":[[],[],[]]}" + RecordSeparator, Outcome.Error },
        { "hello as an array", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Hello\",\"arguments\":[[\"v\"]]}" + RecordSeparator, Outcome.Error },
        { "a stream of a plain method", "{\"type\":4,\"invocationId\":\"1\",\"target\":\"SubmitResults\",\"arguments\":[[]]}" + RecordSeparator, Outcome.Error },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public async Task A_hostile_frame_gets_a_clean_error_or_ends_its_connection_and_an_honest_agent_is_still_served(string what, string frame, Outcome expected)
    {
        var checkId = await _server.CreateCheckAsync(new { name = "fuzz", kind = "tcp", target = "fuzz.lan:80", intervalSeconds = 5 });
        await using var honest = await _server.ConnectAgentAsync(await _server.EnrollAsync("honest"));
        using var socket = await HandshakenAsync(await _server.EnrollAsync("hostile"));

        await SendAsync(socket, frame);
        var outcome = await NextOutcomeAsync(socket, TimeSpan.FromSeconds(10));

        Assert.True(expected == outcome.Kind, $"{what}: expected {expected}, got {outcome.Kind} ({outcome.Text})");
        var result = TestData.Result(checkId, DateTimeOffset.UtcNow.AddSeconds(-1), Statuses.Up, Verdicts.Ok);
        var ack = await honest.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), new[] { result }).OrTimeout();
        Assert.Equal([result.Id], ack.Committed);
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        Assert.Equal([result.Id], await db.Results.Select(r => r.Id).ToListAsync());
    }

    public enum Outcome
    {
        /// <summary>A completion carrying an error: the connection stays usable.</summary>
        Error,
        /// <summary>A completion without an error.</summary>
        Answer,
        /// <summary>A close message or the WebSocket's end.</summary>
        Closed,
        /// <summary>Nothing but pings until the deadline.</summary>
        Silent,
    }

    private async Task<ClientWebSocket> HandshakenAsync(string credential)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + credential);
        await socket.ConnectAsync(_server.HubUri, CancellationToken.None).OrTimeout();
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        var handshake = await ReceiveAsync(socket, TimeSpan.FromSeconds(10));
        Assert.Equal("{}" + RecordSeparator, handshake);
        return socket;
    }

    private static async Task SendAsync(ClientWebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        }
        catch (WebSocketException)
        {
            // The server may close the socket while a large frame is still going out; that is its answer.
        }
    }

    /// <summary>The first message that is not a ping, as an outcome.</summary>
    private static async Task<(Outcome Kind, string Text)> NextOutcomeAsync(ClientWebSocket socket, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            string? text;
            try
            {
                text = await ReceiveAsync(socket, deadline - DateTime.UtcNow);
            }
            catch (WebSocketException ex)
            {
                return (Outcome.Closed, ex.Message);
            }
            catch (OperationCanceledException)
            {
                return (Outcome.Silent, "");
            }
            if (text is null)
                return (Outcome.Closed, "WebSocket closed");
            foreach (var record in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                using var message = JsonDocument.Parse(record);
                switch (message.RootElement.GetProperty("type").GetInt32())
                {
                    case 6:
                        continue;
                    case 7:
                        return (Outcome.Closed, record);
                    case 3:
                        return (message.RootElement.TryGetProperty("error", out _) ? Outcome.Error : Outcome.Answer, record);
                    default:
                        return (Outcome.Answer, record);
                }
            }
        }
        return (Outcome.Silent, "");
    }

    /// <summary>One whole WebSocket message, or null when the server closed the socket.</summary>
    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
                return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}
