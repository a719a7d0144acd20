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

    /// <summary>A few lines for a person: status and message, then one line per attempt.</summary>
    internal static string Summarize(CheckOutcome outcome)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{outcome.Status.ToUpperInvariant()} {outcome.Kind} {outcome.Target}: {outcome.Message}\n");
        foreach (var attempt in outcome.Attempts)
        {
            var phases = string.Join(", ", attempt.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.###} ms")));
            text.Append(CultureInfo.InvariantCulture,
                $"  {attempt.Family ?? "-"} {attempt.Address ?? "-"} {attempt.Verdict}{(phases.Length > 0 ? "  " + phases : "")}\n");
        }
        return text.ToString();
    }
}
