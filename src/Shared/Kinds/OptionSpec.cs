namespace Linkwatch.Shared.Kinds;

/// <summary>How an option's value is written in a check's <c>options</c>.</summary>
public enum OptionType
{
    /// <summary>A JSON string.</summary>
    Text,
    /// <summary>A JSON true or false.</summary>
    Bool,
    /// <summary>A JSON whole number within <see cref="OptionSpec.Min"/> and <see cref="OptionSpec.Max"/>.</summary>
    Integer,
    /// <summary>A JSON number of seconds (decimals allowed) within the bounds.</summary>
    Seconds,
}

/// <summary>One option a kind reads, by its camelCase name: what a form shows for it and how it writes the value.</summary>
public sealed record OptionSpec(string Name, OptionType Type, double? Min = null, double? Max = null);
