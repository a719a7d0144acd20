using System.Text.RegularExpressions;
using Linkwatch.Server.Tests.Support;

namespace Linkwatch.Server.Tests.OpenApi;

/// <summary>
/// The <c>curl</c> examples in docs/api.md, run as written against a real server on loopback: each ```sh block that
/// ends in <c># -&gt; STATUS</c> prints the answer and then its status, which must be the one the doc states.
/// </summary>
public sealed partial class ApiDocExamplesTests
{
    private static readonly TimeSpan ExampleTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_curl_examples_in_the_api_doc_answer_the_statuses_it_states()
    {
        var examples = Examples(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "docs", "api.md")));
        // Create a check, list, uptime, channel, rule, a bad body: a convention that stops matching is a failure.
        Assert.True(examples.Count >= 6, $"found {examples.Count} examples in docs/api.md");

        await using var server = await TestServer.StartAsync();
        var url = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        foreach (var (script, expected) in examples)
        {
            // The examples run in order (later ones look up what earlier ones made), each in a shell of its own, with
            // only the two variables the doc names; the bootstrap key acts as an admin. A proxy of the machine's must
            // not come between curl and the loopback server.
            var result = await Command.RunAsync("env",
                ["LINKWATCH_URL=" + url, "LINKWATCH_KEY=" + TestServer.ApiKey, "no_proxy=*", "NO_PROXY=*", "bash", "-e", "-o", "pipefail", "-c", script],
                ExampleTimeout);
            var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(result.ExitCode == 0 && lines.Length > 0 && lines[^1] == expected,
                $"expected {expected} from:\n{script}\n{result}");
        }
    }

    /// <summary>Each example's script and the status its <c># -&gt;</c> line expects.</summary>
    private static List<(string Script, string Status)> Examples(string markdown) =>
        Block().Matches(markdown).Select(m => (m.Groups["script"].Value, m.Groups["status"].Value)).ToList();

    [GeneratedRegex(@"^```sh\n(?<script>(?:(?!```).*\n)*?)# -> (?<status>\d{3})\n```", RegexOptions.Multiline)]
    private static partial Regex Block();
}
