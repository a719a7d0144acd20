namespace Linkwatch.Server.Agents.Embedded;

/// <summary>Sends the embedded agent's logs through the server's own logging, under the same categories.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The server owns the target factory.
    }
}
