namespace Linkwatch.Agent.Cli;

/// <summary>How a flag's value becomes a JSON option value.</summary>
internal enum CheckFlagType
{
    Text,
    Integer,
    Seconds,
    Switch,
}
