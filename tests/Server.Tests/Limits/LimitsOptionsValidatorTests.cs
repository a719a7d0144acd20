using Linkwatch.Server.Platform.Limits;

namespace Linkwatch.Server.Tests.Limits;

public sealed class LimitsOptionsValidatorTests
{
    [Theory]
    [InlineData(nameof(LimitsOptions.MaxConnections), -1, "Limits:MaxConnections must be 0 or more (0 derives it from the file descriptor limit), not -1.")]
    [InlineData(nameof(LimitsOptions.MaxAnonymousConnections), -5, "Limits:MaxAnonymousConnections must be 0 or more (0 is three quarters of MaxConnections), not -5.")]
    [InlineData(nameof(LimitsOptions.AnonymousConnectionsPerAddress), 0, "Limits:AnonymousConnectionsPerAddress must be at least 1, not 0.")]
    [InlineData(nameof(LimitsOptions.AnonymousQueueSeconds), -1, "Limits:AnonymousQueueSeconds must be 0 or more, not -1.")]
    [InlineData(nameof(LimitsOptions.RequestHeadersTimeoutSeconds), 0, "Limits:RequestHeadersTimeoutSeconds must be at least 1, not 0.")]
    [InlineData(nameof(LimitsOptions.KeepAliveTimeoutSeconds), 0, "Limits:KeepAliveTimeoutSeconds must be at least 1, not 0.")]
    [InlineData(nameof(LimitsOptions.ResultsPerSecond), 0, "Limits:ResultsPerSecond must be at least 1, not 0.")]
    [InlineData(nameof(LimitsOptions.ResultsBurst), 100, "Limits:ResultsBurst must be at least 5000 (one full SubmitResults call), not 100.")]
    [InlineData(nameof(LimitsOptions.EventsPerSecond), 0, "Limits:EventsPerSecond must be at least 1, not 0.")]
    [InlineData(nameof(LimitsOptions.EventsBurst), 10, "Limits:EventsBurst must be at least 1000 (one full SubmitEvents call), not 10.")]
    [InlineData(nameof(LimitsOptions.HelloIntervalSeconds), 61, "Limits:HelloIntervalSeconds must be between 0 and 60 (an agent waits for its Hello), not 61.")]
    [InlineData(nameof(LimitsOptions.FailedSignInsPerMinute), 0, "Limits:FailedSignInsPerMinute must be at least 1, not 0.")]
    [InlineData(nameof(LimitsOptions.FailedEnrollmentsPerMinute), 0, "Limits:FailedEnrollmentsPerMinute must be at least 1, not 0.")]
    public void A_limit_that_cannot_work_is_refused_naming_its_key(string property, int value, string message)
    {
        var options = new LimitsOptions();
        typeof(LimitsOptions).GetProperty(property)!.SetValue(options, value);

        var result = new LimitsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal([message], result.Failures);
    }

    [Fact]
    public void More_anonymous_connections_than_connections_are_refused()
    {
        var result = new LimitsOptionsValidator().Validate(null, new LimitsOptions { MaxConnections = 100, MaxAnonymousConnections = 200 });

        Assert.Equal(["Limits:MaxAnonymousConnections (200) must not exceed Limits:MaxConnections (100)."], result.Failures);
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new LimitsOptionsValidator().Validate(null, new LimitsOptions()).Succeeded);
}
