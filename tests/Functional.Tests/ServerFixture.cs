namespace Linkwatch.Functional.Tests;

/// <summary>One real server for the tests of a class that do not disturb each other (each uses its own names).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public ServerProcess Server { get; private set; } = null!;
    public string Temp(string name) => _temp.Sub(name);

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(_temp.Sub("server"));

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
