using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Linkwatch.Server.Notifications;

/// <summary>
/// Channel settings hold credentials (bot tokens, webhook URLs, SMTP passwords), so the store keeps them encrypted
/// with Data Protection (keys in <c>DataDir/keys</c>): a copy of the database alone reveals no secret. A stored value
/// is <see cref="Prefix"/> and the protected JSON; a row written before encryption (plain JSON, starting with
/// <c>{</c>) is still read, and <see cref="ChannelSettingsUpgrade"/> encrypts such rows at start.
/// </summary>
public sealed class ChannelSettingsProtection(IDataProtectionProvider provider)
{
    /// <summary>Marks an encrypted value; never the first character of a JSON object.</summary>
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Linkwatch.Notifications.ChannelSettings.v1");

    /// <summary>The stored form of a channel's settings JSON.</summary>
    public string Protect(string settingsJson) => Prefix + _protector.Protect(settingsJson);

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The settings JSON of a stored value; null when it cannot be decrypted (the keys it was written with are not
    /// in <c>DataDir/keys</c>, as after restoring a database without its keys).
    /// </summary>
    public string? Reveal(string stored)
    {
        if (!IsProtected(stored))
            return stored;
        try
        {
            return _protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
