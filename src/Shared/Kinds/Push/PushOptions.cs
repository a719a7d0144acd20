namespace Linkwatch.Shared.Kinds.Push;

/// <summary>
/// Options of the <c>push</c> kind. No agent runs it: the monitored job calls the check's push URL, and the server
/// records <c>no_push</c> when no call came within the interval plus <see cref="GraceSeconds"/>.
/// </summary>
public sealed record PushOptions
{
    /// <summary>The kind's descriptor: no target, no family (nothing is dialled).</summary>
    public static CheckKind<PushOptions> Descriptor { get; } = new(CheckKinds.Push, TargetForm.None, Read) { TakesFamily = false };

    /// <summary>A minute: a cron job's start jitters by seconds, and a backup's run time by more.</summary>
    public const int DefaultGraceSeconds = 60;

    /// <summary>How late a push may be, after the interval, before it counts as missed.</summary>
    public int GraceSeconds { get; init; } = DefaultGraceSeconds;

    public static PushOptions Read(CheckOptionReader reader) =>
        new() { GraceSeconds = reader.GetInt("graceSeconds", 0, 7 * 86400) ?? DefaultGraceSeconds };
}
