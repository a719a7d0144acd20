namespace Linkwatch.Server.Platform.Auth;

/// <summary>
/// A disabled person is locked out until the end of time (Identity's own lockout, so sign-in refuses them with no
/// extra check); a lockout after failed sign-ins ends within minutes and does not count as disabled.
/// </summary>
public static class AccountStates
{
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= 9999;
}
