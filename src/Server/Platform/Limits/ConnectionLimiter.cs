using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// Counts open connections and refuses new ones before the process runs out of file descriptors. A connection is
/// anonymous from its accept until a request on it authenticates (an agent's bearer credential, an API key, a sign-in
/// cookie); anonymous connections are capped per address and all together below the total, so a flood of idle or
/// upgraded anonymous connections cannot crowd out agents and signed-in people. A new connection over its
/// address's cap waits a little for a slot first: agents starting at once behind one address are anonymous only
/// until their first request.
/// </summary>
public sealed partial class ConnectionLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, AddressSlots> _addresses = [];
    private readonly ConcurrentDictionary<string, ConnectionLease> _leases = new(StringComparer.Ordinal);
    private readonly HashSet<IPAddress> _exempt;
    private readonly LimitCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectionLimiter> _logger;
    private readonly Dictionary<string, Streak> _streaks = LimitCounters.RefusalReasons.ToDictionary(r => r, _ => new Streak(), StringComparer.Ordinal);
    private int _total;
    private int _anonymous;

    public ConnectionLimiter(ConnectionBudget budget, IEnumerable<IPAddress> perAddressExempt, LimitCounters counters, TimeProvider time,
        ILogger<ConnectionLimiter> logger)
    {
        Budget = budget;
        _exempt = [.. perAddressExempt.Select(Key)];
        _counters = counters;
        _time = time;
        _logger = logger;
        counters.OpenConnections = () => { lock (_gate) return (_anonymous, _total); };
    }

    public ConnectionBudget Budget { get; }

    /// <summary>Open connections now: all, and those not authenticated yet.</summary>
    public (int Total, int Anonymous) Open
    {
        get { lock (_gate) return (_total, _anonymous); }
    }

    /// <summary>Takes a place for a new connection from <paramref name="remote"/>, or null when it must be closed at once.</summary>
    public async ValueTask<ConnectionLease?> AcquireAsync(string connectionId, IPAddress? remote, CancellationToken cancellationToken)
    {
        var key = Key(remote ?? IPAddress.None);
        var perAddress = !_exempt.Contains(key);
        AddressSlots? slots = null;
        TaskCompletionSource? waiter = null;
        LinkedListNode<TaskCompletionSource>? node = null;
        lock (_gate)
        {
            if (_total >= Budget.MaxConnections)
                return Refuse(LimitCounters.ConnectionRefusal.Total, key);
            if (_anonymous >= Budget.MaxAnonymousConnections)
                return Refuse(LimitCounters.ConnectionRefusal.Anonymous, key);
            if (perAddress)
            {
                if (!_addresses.TryGetValue(key, out slots))
                    _addresses[key] = slots = new AddressSlots(key);
                if (slots.InUse >= Budget.AnonymousPerAddress)
                {
                    if (Budget.AnonymousQueue <= TimeSpan.Zero || slots.Waiters.Count >= Budget.AnonymousQueueLength)
                    {
                        Forget(slots);
                        return Refuse(LimitCounters.ConnectionRefusal.Address, key);
                    }
                    // A waiting connection holds a descriptor too, so it counts in the total while it waits.
                    waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    node = slots.Waiters.AddLast(waiter);
                    _total++;
                }
                else
                {
                    slots.InUse++;
                }
            }
            if (waiter is null)
            {
                _total++;
                _anonymous++;
            }
        }
        if (waiter is not null && !await WaitForSlotAsync(slots!, waiter, node!, key, cancellationToken))
            return null;
        var lease = new ConnectionLease(this, connectionId, slots);
        _leases[connectionId] = lease;
        return lease;
    }

    /// <summary>A request on the connection authenticated: it no longer counts as anonymous.</summary>
    public void Credentialed(string connectionId)
    {
        if (!_leases.TryGetValue(connectionId, out var lease) || !lease.IsAnonymous)
            return;
        lock (_gate)
        {
            if (!lease.IsAnonymous || lease.Released)
                return;
            lease.IsAnonymous = false;
            LeaveAnonymous(lease);
        }
    }

    /// <summary>The connection closed.</summary>
    public void Release(ConnectionLease lease)
    {
        _leases.TryRemove(lease.ConnectionId, out _);
        lock (_gate)
        {
            if (lease.Released)
                return;
            lease.Released = true;
            _total--;
            if (lease.IsAnonymous)
                LeaveAnonymous(lease);
        }
    }

    private async Task<bool> WaitForSlotAsync(AddressSlots slots, TaskCompletionSource waiter, LinkedListNode<TaskCompletionSource> node,
        IPAddress key, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Task.WaitAsync(Budget.AnonymousQueue, _time, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                // Handed a slot just as the wait ended: it is this connection's after all.
                if (waiter.Task.IsCompletedSuccessfully)
                    return true;
                waiter.TrySetCanceled(CancellationToken.None);
                slots.Waiters.Remove(node);
                _total--;
                Forget(slots);
                Refuse(LimitCounters.ConnectionRefusal.Address, key);
            }
            return false;
        }
    }

    /// <summary>Gives up the connection's anonymous place; the address's next waiting connection, if any, takes it over. Under the lock.</summary>
    private void LeaveAnonymous(ConnectionLease lease)
    {
        _anonymous--;
        if (lease.Slots is not { } slots)
            return;
        lease.Slots = null;
        slots.InUse--;
        while (slots.Waiters.First is { } first)
        {
            slots.Waiters.RemoveFirst();
            if (first.Value.TrySetResult())
            {
                slots.InUse++;
                _anonymous++;
                break;
            }
        }
        Forget(slots);
    }

    private void Forget(AddressSlots slots)
    {
        if (slots.InUse == 0 && slots.Waiters.Count == 0)
            _addresses.Remove(slots.Address);
    }

    private ConnectionLease? Refuse(string reason, IPAddress address)
    {
        _counters.Refused(reason);
        if (_streaks[reason].Hit(_time))
            Log.Refusing(_logger, reason, address.ToString(), Budget.MaxConnections, Budget.MaxAnonymousConnections, Budget.AnonymousPerAddress);
        return null;
    }

    /// <summary>
    /// The address a limit applies to: an IPv4-mapped address as IPv4, and an IPv6 address by its /64, the block one
    /// subscriber or host usually owns whole.
    /// </summary>
    public static IPAddress Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
            return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    /// <summary>One address's anonymous connections and the new ones waiting for a place.</summary>
    internal sealed class AddressSlots(IPAddress address)
    {
        public IPAddress Address { get; } = address;

        public int InUse { get; set; }

        public LinkedList<TaskCompletionSource> Waiters { get; } = new();
    }
}
