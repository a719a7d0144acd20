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
    /// <summary>True/false options by name; false is "not given" (every flag defaults to false).</summary>
    public Dictionary<string, bool> Flags { get; } = new(StringComparer.Ordinal);

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
                if (Flags.GetValueOrDefault(option.Name))
                    options[option.Name] = JsonSerializer.SerializeToElement(true);
            }
            else if (Options.GetValueOrDefault(option.Name) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
                options[option.Name] = FieldText.Option(text, option.Type != OptionType.Text);
        }
        return new CheckBody(
            Name, Kind, Target.Trim(), FieldText.Integer(Interval, "intervalSeconds", errors),
            FieldText.Number(Timeout, "timeoutSeconds", errors), Family, Enabled, options, Agents.ToList(),
            FieldText.Labels(Labels, "labels", errors), Badges, [.. DependsOn]);
    }
}
