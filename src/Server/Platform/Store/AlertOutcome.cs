namespace Linkwatch.Server.Platform.Store;

/// <summary>What a transition on an <see cref="Alert"/> came to.</summary>
public enum AlertOutcome
{
    /// <summary>Not allowed from the alert's state; nothing changed.</summary>
    Refused,
    /// <summary>Done, and nobody is to be told.</summary>
    Quiet,
    /// <summary>Done, and a notification is to go out.</summary>
    Announce,
}
