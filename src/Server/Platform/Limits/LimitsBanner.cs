namespace Linkwatch.Server.Platform.Limits;

/// <summary>Says at start which connection limits are in effect and what the descriptor limit allowed.</summary>
public sealed partial class LimitsBanner(ConnectionLimiter limiter, ILogger<LimitsBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var budget = limiter.Budget;
        Log.Limits(logger, budget.MaxConnections, budget.MaxAnonymousConnections, budget.AnonymousPerAddress,
            budget.DescriptorLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", budget.DescriptorLimitRaised);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "Connections limited to {Max} ({MaxAnonymous} anonymous, {PerAddress} anonymous per address); open-file limit {Descriptors} (raised to the hard limit: {Raised})",
            EventName = "ConnectionLimits")]
        public static partial void Limits(ILogger logger, int max, int maxAnonymous, int perAddress, string descriptors, bool raised);
    }
}
