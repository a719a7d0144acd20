using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.Push;
using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests.Push;

public sealed class PushChecksTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_push_token_is_never_written_into_the_audit_log_and_survives_edits()
    {
        var created = await (await _server.Api.PostAsJsonAsync("/api/checks", new { name = "audited push", kind = "push", intervalSeconds = 60 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        var pushUrl = created.GetProperty("pushUrl").GetString()!;
        var token = pushUrl[(pushUrl.LastIndexOf('/') + 1)..];
        Assert.Equal(PushUrls.TokenLength, token.Length);

        using var edited = await _server.Api.PutAsJsonAsync($"/api/checks/{id}", new { name = "audited push renamed", kind = "push", intervalSeconds = 120 });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(pushUrl, (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pushUrl").GetString());

        var audit = await _server.Api.GetStringAsync("/api/audit");
        Assert.Contains("audited push", audit);
        Assert.DoesNotContain(token, audit);
    }

    [Fact]
    public async Task Changing_a_push_check_to_another_kind_ends_its_push_url()
    {
        var created = await (await _server.Api.PostAsJsonAsync("/api/checks", new { name = "was push", kind = "push", intervalSeconds = 60 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        var pushUrl = created.GetProperty("pushUrl").GetString()!;
        using var changed = await _server.Api.PutAsJsonAsync($"/api/checks/{id}", new { name = "was push", kind = "tcp", target = "127.0.0.1:9", intervalSeconds = 60 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pushUrl").ValueKind);
        using var anonymous = _server.NewClient(null);
        using var push = await anonymous.GetAsync(new Uri(pushUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, push.StatusCode);
    }

    [Theory]
    // since, lastMiss, interval, grace, now -> deadlines to record
    [InlineData(0, null, 10, 5, 14_999, new long[0])]
    [InlineData(0, null, 10, 5, 15_000, new long[] { 15_000 })]
    [InlineData(0, 15_000L, 10, 5, 24_999, new long[0])]
    [InlineData(0, 15_000L, 10, 5, 25_000, new long[] { 25_000 })]
    [InlineData(0, 15_000L, 10, 5, 47_000, new long[] { 25_000, 35_000, 45_000 })]
    // A push after the last miss starts the count again.
    [InlineData(30_000, 15_000L, 10, 5, 44_000, new long[0])]
    [InlineData(30_000, 15_000L, 10, 5, 45_000, new long[] { 45_000 })]
    public void Missed_deadlines_are_one_per_interval_after_interval_and_grace(long since, long? lastMiss, int interval, int grace, long now, long[] expected) =>
        Assert.Equal(expected, PushDeadlines.MissedDeadlines(since, lastMiss, interval, grace, now));

    [Fact]
    public void A_long_silence_records_only_the_latest_deadlines()
    {
        var missed = PushDeadlines.MissedDeadlines(0, null, 1, 0, 1_000_000);
        Assert.Equal(PushDeadlines.MaxCatchUp, missed.Count);
        Assert.Equal(1_000_000, missed[^1]);
        Assert.Equal(991_000, missed[0]);
    }

    [Fact]
    public void The_limiter_takes_sixty_pushes_a_minute_per_check()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var limiter = new PushLimiter(clock);
        for (var i = 0; i < PushLimiter.PerMinute; i++)
            Assert.True(limiter.TryTake(1));
        Assert.False(limiter.TryTake(1));
        Assert.True(limiter.TryTake(2));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryTake(1));
    }
}
