namespace Linkwatch.Shared.Kinds;

/// <summary>A check that passed <see cref="CheckKindCatalog.Validate"/>: its kind, parsed target and typed options.</summary>
/// <param name="Kind">The kind's descriptor.</param>
/// <param name="Target">The parsed target.</param>
/// <param name="Options">The kind's options record (its <see cref="CheckKind{TOptions}"/> type argument).</param>
public sealed record ValidCheck(ICheckKind Kind, ParsedTarget Target, object Options)
{
    /// <summary>The common <c>maxLatencyMs</c> of connection kinds (<see cref="LatencyLimit"/>); null without a limit.</summary>
    public int? MaxLatencyMs { get; init; }
}
