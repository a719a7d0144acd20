using System.Globalization;
using Linkwatch.Shared;

namespace Linkwatch.Functional.Tests;

/// <summary>Two real agent processes on copies of one enrolled data directory, against the real server.</summary>
public sealed class IdentityConflictTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private const string Replacement = "twin connected again; closing its previous connection";
    private const string Superseded = "Another process connected";

    [Fact]
    public async Task Two_processes_on_one_identity_stop_fighting_the_loser_is_reported_once_and_the_winner_keeps_delivering()
    {
        using var temp = new TempDirectory();
        using var target = new TcpTarget();
        await using var server = await ServerProcess.StartAsync(temp.Sub("server"));
        var original = temp.Sub("original");
        await AgentProcess.EnrollAsync(server.BaseUrl, "twin", original);
        var copy = temp.Sub("copy");
        CopyDirectory(original, copy);
        using var api = server.CreateApiClient();
        var checkId = await Api.CreateCheckAsync(api, new { name = "twin tcp", kind = "tcp", target = target.Target, intervalSeconds = 1 });

        await using var older = AgentProcess.Run(original);
        await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={checkId}"), r => r.Count >= 1, Generous, "a result of the first process");
        await using var newer = AgentProcess.Run(copy);

        // The older process is told it was superseded, says so once and stays down.
        await older.WaitForLineAsync(l => l.Contains(Superseded, StringComparison.Ordinal), Generous);
        var events = await Api.EventuallyAsync(() => Api.GetArrayAsync(api, "/api/agents/twin/events"),
            e => e.Any(x => x!["kind"]!.GetValue<string>() == NetworkEventKinds.IdentityConflict), Generous, "an identity_conflict event");
        var conflict = events.Single(x => x!["kind"]!.GetValue<string>() == NetworkEventKinds.IdentityConflict)!;
        Assert.Contains("replaced by one from 127.0.0.1:", conflict["detail"]!.GetValue<string>());
        Assert.Contains("it stopped", conflict["detail"]!.GetValue<string>());

        // The fight is over: no replacement for longer than two capped reconnect delays (5 s each) of the loser.
        var replacements = Count(server.Process.Output, Replacement);
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.True(Count(server.Process.Output, Replacement) == replacements,
            $"replacements went on after the conflict was reported:\n{server.Process.Output}");
        Assert.True(replacements <= 2, $"{replacements} replacements:\n{server.Process.Output}");

        // The newest process kept the identity and keeps delivering; the loser is still running (no supervisor restart).
        var since = DateTimeOffset.UtcNow;
        await Api.EventuallyAsync(() => Api.GetArrayAsync(api, $"/api/results?checkId={checkId}"),
            r => r.Count(x => StartedAt(x!) > since) >= 3, Generous, "three results after the fight stopped");
        var agents = await Api.GetArrayAsync(api, "/api/agents");
        Assert.True(agents.Single(a => a!["name"]!.GetValue<string>() == "twin")!["online"]!.GetValue<bool>());
        Assert.False(older.HasExited, older.Output);
        Assert.DoesNotContain(Superseded, newer.Output, StringComparison.Ordinal);

        // Reported once: one error line from the loser, one warning from the server, one event.
        Assert.Equal(1, Count(older.Output, Superseded));
        Assert.Equal(1, Count(server.Process.Output, "two processes use its identity"));
        Assert.Single((await Api.GetArrayAsync(api, "/api/agents/twin/events")), x => x!["kind"]!.GetValue<string>() == NetworkEventKinds.IdentityConflict);
    }

    private static int Count(string output, string text) =>
        output.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    private static DateTimeOffset StartedAt(System.Text.Json.Nodes.JsonNode result) =>
        DateTimeOffset.Parse(result["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
