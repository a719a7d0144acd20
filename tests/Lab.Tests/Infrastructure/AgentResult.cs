using System.Text.Json;
using Xunit.Sdk;

namespace Linkwatch.Lab.Tests.Infrastructure;

/// <summary>One <c>linkwatch-agent check ... --json</c> run: its exit code and the parsed JSON line.</summary>
public sealed class AgentResult
{
    private readonly Func<string> _context;

    private AgentResult(CommandResult run, JsonElement root, Func<string> context)
    {
        Run = run;
        Root = root;
        _context = context;
    }

    public CommandResult Run { get; }
    public JsonElement Root { get; }
    public int ExitCode => Run.ExitCode;
    public string Status => Root.GetProperty("status").GetString()!;
    public string Verdict => Root.GetProperty("verdict").GetString()!;
    public string Message => Root.GetProperty("message").GetString() ?? "";
    public IReadOnlyList<JsonElement> Attempts => [.. Root.GetProperty("attempts").EnumerateArray()];

    /// <summary>Parses the run; <paramref name="context"/> describes the lab for failure messages.</summary>
    public static AgentResult Parse(CommandResult run, Func<string> context)
    {
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 1)
            throw new XunitException($"expected exactly one JSON line on stdout, got {lines.Length}:\n{run}\n{context()}");
        try
        {
            using var document = JsonDocument.Parse(lines[0]);
            return new AgentResult(run, document.RootElement.Clone(), context);
        }
        catch (JsonException e)
        {
            throw new XunitException($"stdout is not JSON ({e.Message}):\n{run}\n{context()}");
        }
    }

    /// <summary>The one attempt of <paramref name="family"/>.</summary>
    public JsonElement Attempt(string family)
    {
        var matches = Attempts.Where(a => a.TryGetProperty("family", out var f) && f.GetString() == family).ToList();
        if (matches.Count != 1)
            throw new XunitException($"expected one {family} attempt, found {matches.Count}:\n{this}");
        return matches[0];
    }

    /// <summary>Asserts verdict, status and the exit code that goes with the status (0 up, 1 degraded, 2 down).</summary>
    public AgentResult ShouldBe(string verdict, string status)
    {
        var exit = status switch
        {
            "up" => 0,
            "degraded" => 1,
            "down" => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "up, degraded or down"),
        };
        if (Verdict != verdict || Status != status || ExitCode != exit)
            throw new XunitException($"expected {verdict}/{status}/exit {exit}, got {Verdict}/{Status}/exit {ExitCode}:\n{this}");
        return this;
    }

    /// <summary>Asserts one attempt's verdict and address.</summary>
    public AgentResult AttemptShouldBe(string family, string verdict, string? address = null)
    {
        var attempt = Attempt(family);
        var actualVerdict = attempt.GetProperty("verdict").GetString();
        var actualAddress = attempt.TryGetProperty("address", out var a) ? a.GetString() : null;
        if (actualVerdict != verdict || (address is not null && actualAddress != address))
            throw new XunitException($"expected the {family} attempt to be {verdict} via {address ?? "any address"}, got {actualVerdict} via {actualAddress}:\n{this}");
        return this;
    }

    public override string ToString() => Run + "\n" + _context();
}
