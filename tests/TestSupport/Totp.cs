using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Linkwatch.TestSupport;

/// <summary>
/// An authenticator app in a few lines, written from RFC 6238 (and RFC 4226's truncation), not from the server's code:
/// HMAC-SHA1 over the 30-second step counter, 6 digits, the key as the base32 text the account page shows.
/// </summary>
public static class Totp
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>The code for <paramref name="at"/> (now by default), from a key like "abcd efgh ..." (spaces and case ignored).</summary>
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = HMACSHA1.HashData(Base32(base32Key), message);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A six-digit code that is none of the codes the server accepts around now (it allows a few steps of skew).</summary>
    public static string WrongCode(string base32Key)
    {
        var near = Enumerable.Range(-3, 7).Select(i => Code(base32Key, DateTimeOffset.UtcNow + i * Step)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)).First(c => !near.Contains(c));
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=' or '-')
                continue;
            var index = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
                throw new FormatException($"'{c}' is not a base32 character");
            value = (value << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
