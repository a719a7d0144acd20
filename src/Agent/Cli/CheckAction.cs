using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text.Json;
using Linkwatch.Agent.Probes;
using Microsoft.Extensions.Logging.Console;

namespace Linkwatch.Agent.Cli;

/// <summary>Runs the <c>check</c> verb. Owns its parse errors so bad input is always one line and exit 3.</summary>
internal sealed class CheckAction(CheckBinding binding) : AsynchronousCommandLineAction
{
    // Without this System.CommandLine would print its own errors plus the usage text and exit 1.
    public override bool ClearsParseErrors => true;

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var (request, json) = CheckCommand.Bind(parseResult, binding);
            // Logs go to stderr only: stdout carries nothing but the result.
            using var loggerFactory = LoggerFactory.Create(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
            // resolve remembers addresses between runs, in the same data directory as every verb.
            var dataDirectory = State.DataDirectory.Resolve(parseResult.GetValue(AgentCli.DataDir));
            var runner = new CheckRunner(ProbeRegistry.CreateDefault(dataDirectory),
                new Dialer(SystemResolver.Instance, loggerFactory.CreateLogger<Dialer>()),
                loggerFactory.CreateLogger<CheckRunner>());
            if (!runner.TryPrepare(request, out var prepared, out var errors))
                throw new BadInputException(CheckCommand.FormatError(errors[0]));

            var outcome = await runner.RunAsync(prepared, cancellationToken).ConfigureAwait(false);
            if (json)
                await output.WriteLineAsync(JsonSerializer.Serialize(outcome, LinkwatchJsonContext.Default.CheckOutcome)).ConfigureAwait(false);
            else
                await output.WriteAsync(Summarize(outcome)).ConfigureAwait(false);
            return Statuses.ExitCode(outcome.Status);
        }
        catch (BadInputException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return CheckCommand.BadInputExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return CheckCommand.BadInputExitCode;
        }
    }

    /// <summary>
    /// One line in the monitoring-plugin format (Nagios, Icinga, Checkmk MRPE, Zabbix): status, kind, target and message,
    /// then after <c>|</c> performance data in seconds: <c>time</c> (the longest attempt) and each phase, prefixed with
    /// the family when there are several attempts (<c>ipv4_connect</c>).
    /// </summary>
    internal static string Summarize(CheckOutcome outcome)
    {
        var text = new System.Text.StringBuilder();
        text.Append(PluginText($"{outcome.Status.ToUpperInvariant()} {outcome.Kind} {outcome.Target}: {outcome.Message}"));
        var perf = new List<string>();
        var totals = outcome.Attempts.Select(a => a.Phases.TryGetValue("total", out var total) ? total : a.Phases.Values.Sum()).ToList();
        if (totals.Count > 0)
            perf.Add(Perf("time", totals.Max()));
        for (var i = 0; i < outcome.Attempts.Count; i++)
        {
            var attempt = outcome.Attempts[i];
            var prefix = outcome.Attempts.Count == 1 ? "" : (attempt.Family ?? $"attempt{i + 1}") + "_";
            foreach (var (phase, milliseconds) in attempt.Phases)
                perf.Add(Perf(prefix + phase, milliseconds));
        }
        if (perf.Count > 0)
            text.Append(" | ").AppendJoin(' ', perf);
        return text.Append('\n').ToString();
    }

    // Label characters other than letters, digits and _ would need quoting in performance data: there are none here.
    private static string Perf(string label, double milliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{label}={milliseconds / 1000:0.######}s;;;0");

    // The status line ends at the first newline and its data at the first '|': neither may come from a message.
    private static string PluginText(string text) =>
        text.Replace('|', '/').Replace('\r', ' ').Replace('\n', ' ');
}
