namespace Linkwatch.Agent.Tests.Support;

/// <summary>Polls a condition until it holds or the test timeout passes.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Await;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {TestTimeouts.Await}");
            await Task.Delay(20);
        }
    }
}
