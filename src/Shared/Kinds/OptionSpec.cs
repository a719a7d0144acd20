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
    /// <summary>A JSON string that is write-only: never shown by GET, the audit log or a result.</summary>
    Secret,
    /// <summary>A JSON object of header names to string values.</summary>
    Headers,
    /// <summary>A JSON array of strings.</summary>
    TextList,
    /// <summary>A JSON number, or a string listing numbers and ranges (<c>"200-299,301"</c>).</summary>
    StatusList,
}

/// <summary>One option a kind reads, by its camelCase name: what a form shows for it and how it writes the value.</summary>
/// <param name="Name">The camelCase option name.</param>
/// <param name="Type">How its value is written.</param>
/// <param name="Min">The lower bound of a number.</param>
/// <param name="Max">The upper bound of a number.</param>
/// <param name="DefaultOn">For a <see cref="OptionType.Bool"/>, its value when not given.</param>
public sealed record OptionSpec(string Name, OptionType Type, double? Min = null, double? Max = null, bool DefaultOn = false);
