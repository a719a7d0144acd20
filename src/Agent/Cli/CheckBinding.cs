using System.CommandLine;

namespace Linkwatch.Agent.Cli;

/// <summary>The symbols of the <c>check</c> verb, so the action can read them back.</summary>
internal sealed record CheckBinding(
    Argument<string?> Kind,
    Argument<string?> Target,
    Option<string?> Family,
    Option<string?> Timeout,
    Option<bool> Json,
    IReadOnlyList<(CheckFlag Flag, Option Option)> Flags);
