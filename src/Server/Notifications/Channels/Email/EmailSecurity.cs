namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>The <c>security</c> setting of an email channel.</summary>
public static class EmailSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (submission, port 587); the default.</summary>
    public const string StartTls = "starttls";
    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    public const string Tls = "tls";
    /// <summary>No encryption: only for a relay on loopback or a trusted LAN.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [StartTls, Tls, None];

    public static int DefaultPort(string security) => security switch
    {
        Tls => 465,
        None => 25,
        _ => 587,
    };
}
