namespace Linkwatch.Agent.Cli;

/// <summary>How a flag's value becomes a JSON option value.</summary>
internal enum CheckFlagType
{
    Text,
    Integer,
    Seconds,
    Switch,
    /// <summary>A switch that sets its option to false (<c>--no-follow</c> is <c>followRedirects: false</c>).</summary>
    Off,
    /// <summary>Repeatable; the values make a JSON array of strings.</summary>
    List,
    /// <summary>Repeatable <c>'Name: value'</c>; the values make a JSON object.</summary>
    Headers,
}
