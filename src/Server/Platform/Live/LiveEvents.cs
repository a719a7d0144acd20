using System.Collections.Immutable;

namespace Linkwatch.Server.Platform.Live;

/// <summary>
/// The one in-process broadcaster: ingest and the hub publish, consumers subscribe and dispose
/// the subscription when done. Handlers run on the publisher's thread, so they must only hand the
/// event on (post to a channel, start a send) and never block.
/// </summary>
public sealed partial class LiveEvents(ILogger<LiveEvents> logger)
{
    private ImmutableArray<Subscription> _subscriptions = [];

    public IDisposable Subscribe(Action<LiveEvent> handler)
    {
        var subscription = new Subscription(this, handler);
        ImmutableInterlocked.Update(ref _subscriptions, (list, s) => list.Add(s), subscription);
        return subscription;
    }

    public void Publish(LiveEvent liveEvent)
    {
        foreach (var s in _subscriptions)
        {
            try
            {
                s.Handler(liveEvent);
            }
            catch (Exception ex)
            {
                Log.SubscriberFailed(logger, liveEvent.GetType().Name, ex);
            }
        }
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, (list, s) => list.Remove(s), subscription);

    private sealed class Subscription(LiveEvents owner, Action<LiveEvent> handler) : IDisposable
    {
        public Action<LiveEvent> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}
