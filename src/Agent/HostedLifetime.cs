using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent;

/// <summary>A lifetime for an agent hosted inside another program: no signal handling of its own.</summary>
internal sealed class HostedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
