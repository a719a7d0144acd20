namespace Linkwatch.Server.Notifications;

/// <summary>A bad channel setting; <see cref="Field"/> is the settings key, reported as <c>settings.KEY</c>.</summary>
public sealed record SettingError(string Field, string Message);
