using Linkwatch.Agent.Outbox;
using Linkwatch.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkwatch.Agent.Tests.Unit;

public sealed class DurableQueueTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("linkwatch-queue-").FullName;

    [Fact]
    public async Task Entries_survive_a_reopen_and_leave_only_when_deleted_oldest_first()
    {
        var events = Enumerable.Range(0, 5).Select(i => Event(DateTimeOffset.UtcNow.AddSeconds(i))).ToList();
        await using (var queue = Open(capacity: 100))
        {
            await queue.AddAsync(events, CancellationToken.None);
            await queue.AddAsync([events[0]], CancellationToken.None);
        }
        await using var reopened = Open(capacity: 100);
        Assert.Equal(5, await reopened.CountAsync(CancellationToken.None));
        var peeked = await reopened.PeekAsync(3, CancellationToken.None);
        Assert.Equal(events.Take(3).Select(e => e.Id), peeked.Select(e => e.Id));
        await reopened.DeleteAsync(peeked.Select(e => e.Id), CancellationToken.None);
        Assert.Equal(events.Skip(3).Select(e => e.Id), (await reopened.PeekAsync(10, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task Past_the_capacity_the_oldest_entries_are_dropped()
    {
        var events = Enumerable.Range(0, 8).Select(i => Event(DateTimeOffset.UtcNow.AddSeconds(i))).ToList();
        await using var queue = Open(capacity: 5);
        await queue.AddAsync(events, CancellationToken.None);
        Assert.Equal(5, await queue.CountAsync(CancellationToken.None));
        Assert.Equal(events.Skip(3).Select(e => e.Id), (await queue.PeekAsync(10, CancellationToken.None)).Select(e => e.Id));
    }

    private DurableQueue<NetworkEvent> Open(long capacity) =>
        new(_directory, "test.db", "entries", LinkwatchJsonContext.Default.NetworkEvent, e => e.Id, capacity, NullLogger.Instance);

    private static NetworkEvent Event(DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        At = at,
        Kind = NetworkEventKinds.AddressAdded,
        Interface = "eth0",
        Detail = "192.0.2.1/24",
    };

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
