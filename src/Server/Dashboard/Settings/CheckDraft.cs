using System.Text.Json;
using Linkwatch.Shared.Kinds;
using static Linkwatch.Server.Checks.ChecksApi;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// The check form's fields as the user typed them (text, so a wrong value stays on screen to be corrected), and
/// the API body they make.
/// </summary>
public sealed class CheckDraft
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = CheckKinds.Tcp;
    public string Target { get; set; } = "";
    public string Interval { get; set; } = "30";
    public string Timeout { get; set; } = "";
    public string Family { get; set; } = Families.Auto;
    public bool Enabled { get; set; } = true;
    /// <summary>Public status, uptime and latency badges without a public status page.</summary>
    public bool Badges { get; set; }
    public IReadOnlyCollection<string> Agents { get; set; } = [];
    /// <summary>Parent checks: while one is down for an agent, this check's alerts for that agent are held.</summary>
    public IReadOnlyCollection<long> DependsOn { get; set; } = [];
    public string Labels { get; set; } = "";
    /// <summary>Text options by name; empty means "not given".</summary>
    public Dictionary<string, string> Options { get; } = new(StringComparer.Ordinal);
    /// <summary>True/false options by name; one not set here has its default (<see cref="OptionSpec.DefaultOn"/>).</summary>
    public Dictionary<string, bool> Flags { get; } = new(StringComparer.Ordinal);

    /// <summary>A switch's value: what was set, else the option's default.</summary>
    public bool Flag(OptionSpec option) => Flags.TryGetValue(option.Name, out var on) ? on : option.DefaultOn;

    public IReadOnlyList<OptionSpec> KindOptions => CheckKindCatalog.OptionsOf(Kind);

    public static CheckDraft From(CheckDto check)
    {
        var draft = new CheckDraft
        {
            Name = check.Name, Kind = check.Kind, Target = check.Target, Interval = check.IntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Timeout = FieldText.Number(check.TimeoutSeconds), Family = check.Family, Enabled = check.Enabled, Agents = [.. check.Agents],
            Labels = FieldText.Labels(check.Labels), Badges = check.Badges, DependsOn = [.. check.DependsOn],
        };
        foreach (var (name, value) in check.Options)
        {
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                draft.Flags[name] = value.GetBoolean();
            else if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                draft.Options[name] = FieldText.Lines(value);
            else
                draft.Options[name] = FieldText.Option(value);
        }
        return draft;
    }

    /// <summary>The body POST and PUT take; faults the text itself has (a number that is not one) go to <paramref name="errors"/>.</summary>
    public CheckBody ToBody(FormErrors errors)
    {
        var options = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var option in KindOptions)
        {
            if (option.Type == OptionType.Bool)
            {
                // Only a value that differs from the default is written, so a check keeps following the kind's defaults.
                if (Flag(option) != option.DefaultOn)
                    options[option.Name] = JsonSerializer.SerializeToElement(Flag(option));
            }
            else if (Options.GetValueOrDefault(option.Name) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
            {
                // An empty secret is "not given": on an edit the stored one is kept.
                options[option.Name] = option.Type switch
                {
                    OptionType.Headers => FieldText.HeaderLines(text, "options." + option.Name, errors),
                    OptionType.TextList => FieldText.ListLines(text),
                    OptionType.Integer or OptionType.Seconds => FieldText.Option(text, numeric: true),
                    OptionType.Secret => JsonSerializer.SerializeToElement(text),
                    _ => FieldText.Option(text, numeric: false),
                };
            }
        }
        return new CheckBody(
            Name, Kind, Target.Trim(), FieldText.Integer(Interval, "intervalSeconds", errors),
            FieldText.Number(Timeout, "timeoutSeconds", errors), Family, Enabled, options, Agents.ToList(),
            FieldText.Labels(Labels, "labels", errors), Badges, [.. DependsOn]);
    }
}
