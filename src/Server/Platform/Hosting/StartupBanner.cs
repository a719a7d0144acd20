using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Hosting;

/// <summary>Once the server listens, says where the dashboard is and how to add an agent.</summary>
internal sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<StorageOptions> storage,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                Log.Dashboard(logger, address.TrimEnd('/') + "/");
            var first = addresses.FirstOrDefault() ?? "http://SERVER:PORT";
            Log.EnrollHint(logger, first, Path.Combine(Path.GetFullPath(storage.Value.DataDir), GeneratedSecrets.EnrollmentTokenFile));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
