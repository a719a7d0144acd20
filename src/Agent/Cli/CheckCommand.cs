using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Linkwatch.Agent.Probes;
using Linkwatch.Shared.Kinds;

namespace Linkwatch.Agent.Cli;

/// <summary>
/// <c>linkwatch-agent check KIND TARGET [options] [--json]</c>: runs one check once and exits
/// 0 up, 1 degraded, 2 down, 3 bad input (the Nagios plugin convention).
/// </summary>
public static class CheckCommand
{
    public const int BadInputExitCode = 3;

    /// <summary>The <c>check</c> verb, ready to add to the agent's root command.</summary>
    public static Command Create()
    {
        // Every value is taken as text and converted by the action: System.CommandLine's own
        // conversion errors are multi-line and name .NET types, and bad input must be one line.
        var kind = new Argument<string?>("KIND") { Arity = ArgumentArity.ZeroOrOne, Description = $"check kind: {string.Join(", ", CheckKinds.All)}" };
        var target = new Argument<string?>("TARGET") { Arity = ArgumentArity.ZeroOrOne, Description = "host:port, [ipv6]:port, a URL, or a name" };
        var family = new Option<string?>("--family") { Description = "auto, ipv4, ipv6 or both (default auto)" };
        var timeout = new Option<string?>("--timeout") { Description = "deadline of one attempt in seconds (default 5)" };
        var json = new Option<bool>("--json") { Description = "print the result as one JSON line" };

        var command = new Command("check", "Run one check once and print the result")
        {
            kind,
            target,
            family,
            timeout,
            json,
        };
        var flags = new List<(CheckFlag Flag, Option Option)>();
        foreach (var flag in CheckFlag.All)
        {
            Option option = flag.Type switch
            {
                CheckFlagType.Switch or CheckFlagType.Off => new Option<bool>(flag.Flag) { Description = flag.Description },
                CheckFlagType.List or CheckFlagType.Headers => new Option<string[]>(flag.Flag)
                {
                    Description = flag.Description, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
                },
                _ => new Option<string?>(flag.Flag) { Description = flag.Description },
            };
            command.Options.Add(option);
            flags.Add((flag, option));
        }

        // Unknown flags are reported by the action in one line instead of by the parser's error dump.
        command.TreatUnmatchedTokensAsErrors = false;
        command.Action = new CheckAction(new CheckBinding(kind, target, family, timeout, json, flags));
        return command;
    }

    /// <summary>Turns the parse result into a request, or throws <see cref="BadInputException"/> naming the problem.</summary>
    internal static (CheckRequest Request, bool Json) Bind(ParseResult parseResult, CheckBinding binding)
    {
        if (parseResult.Errors.Count > 0)
            throw new BadInputException(parseResult.Errors[0].Message);
        foreach (var token in parseResult.UnmatchedTokens)
        {
            throw new BadInputException(token.StartsWith('-')
                ? $"unknown option '{token}'"
                : $"unexpected argument '{token}'");
        }

        var kind = parseResult.GetValue(binding.Kind);
        if (string.IsNullOrEmpty(kind))
            throw new BadInputException($"missing KIND; known kinds: {string.Join(", ", CheckKinds.All)}");
        if (!CheckKinds.RunsOnAgents(kind))
            throw new BadInputException($"kind {kind} runs on the server: the monitored job calls the check's push URL");
        var target = parseResult.GetValue(binding.Target);
        if (string.IsNullOrEmpty(target))
            throw new BadInputException("missing TARGET");

        var timeout = TimeSpan.FromSeconds(CheckSpec.DefaultTimeoutSeconds);
        if (parseResult.GetValue(binding.Timeout) is { } timeoutText)
        {
            var seconds = ParseSeconds("--timeout", timeoutText);
            if (seconds <= 0)
                throw new BadInputException($"--timeout must be greater than 0 seconds, not {timeoutText}");
            if (seconds > CheckSpec.MaxTimeoutSeconds)
                throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                    $"--timeout must be at most {CheckSpec.MaxTimeoutSeconds} seconds, not {timeoutText}"));
            timeout = TimeSpan.FromSeconds(seconds);
        }

        var options = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (flag, option) in binding.Flags)
        {
            if (parseResult.GetResult(option) is not { Implicit: false })
                continue;
            options[flag.OptionName] = flag.Type switch
            {
                CheckFlagType.Switch => ToJson(w => w.WriteBooleanValue(parseResult.GetValue((Option<bool>)option))),
                CheckFlagType.Off => ToJson(w => w.WriteBooleanValue(!parseResult.GetValue((Option<bool>)option))),
                CheckFlagType.List => ToJson(w =>
                {
                    w.WriteStartArray();
                    foreach (var item in parseResult.GetValue((Option<string[]>)option) ?? [])
                        w.WriteStringValue(item);
                    w.WriteEndArray();
                }),
                CheckFlagType.Headers => HeadersJson(flag.Flag, parseResult.GetValue((Option<string[]>)option) ?? []),
                CheckFlagType.Integer => ToJson(w => w.WriteNumberValue(ParseInteger(flag.Flag, Text(parseResult, option)))),
                CheckFlagType.Seconds => ToJson(w => w.WriteNumberValue(ParseSeconds(flag.Flag, Text(parseResult, option)))),
                _ => ToJson(w => w.WriteStringValue(Text(parseResult, option))),
            };
        }

        var family = parseResult.GetValue(binding.Family) ?? Families.Auto;
        return (new CheckRequest(kind, target, family, timeout, options), parseResult.GetValue(binding.Json));
    }

    /// <summary>The one line printed for a validation error, naming options as the CLI spells them.</summary>
    internal static string FormatError(ValidationError error)
    {
        if (error.Field is "kind" or "target" || !error.Message.StartsWith(error.Field, StringComparison.Ordinal))
            return error.Message;
        return CheckFlag.FlagOf(error.Field) + error.Message[error.Field.Length..];
    }

    /// <summary><c>--header 'Name: value'</c> flags as the <c>headers</c> object; a repeated name keeps the last value.</summary>
    private static JsonElement HeadersJson(string flag, string[] values)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var value in values)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new BadInputException($"{flag}: '{value}' is not 'Name: value'");
            var name = value[..colon].Trim();
            if (!headers.ContainsKey(name))
                order.Add(name);
            headers[name] = value[(colon + 1)..].Trim();
        }
        return ToJson(w =>
        {
            w.WriteStartObject();
            foreach (var name in order)
                w.WriteString(name, headers[name]);
            w.WriteEndObject();
        });
    }

    private static string Text(ParseResult parseResult, Option option) =>
        parseResult.GetValue((Option<string?>)option) ?? "";

    private static double ParseSeconds(string flag, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
            throw new BadInputException($"{flag}: '{text}' is not a number of seconds");
        return seconds;
    }

    private static long ParseInteger(string flag, string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new BadInputException($"{flag}: '{text}' is not a whole number");
        return value;
    }

    private static JsonElement ToJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
