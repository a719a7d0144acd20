namespace Linkwatch.IngestBench;

/// <summary>The bounded total: agents take results from it before each call and stop when it is spent.</summary>
public sealed class ResultBudget(long total)
{
    private long _left = total;

    public bool Exhausted => Volatile.Read(ref _left) <= 0;

    /// <summary>Takes up to <paramref name="wanted"/> results; 0 once the budget is spent.</summary>
    public int Take(int wanted)
    {
        while (true)
        {
            var left = Volatile.Read(ref _left);
            if (left <= 0)
                return 0;
            var take = (int)Math.Min(wanted, left);
            if (Interlocked.CompareExchange(ref _left, left - take, left) == left)
                return take;
        }
    }
}
