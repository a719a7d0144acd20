namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>One lab per test class: xunit disposes it after the class's tests.</summary>
public sealed class LabFixture : IAsyncLifetime
{
    public MonitoredLab Lab { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}
