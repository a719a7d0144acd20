using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Linkwatch.Server.Platform.Auth;

/// <summary>
/// Agent credentials, <c>lwa_&lt;agentId&gt;_&lt;secret&gt;</c>, and single-use enrollment tokens,
/// <c>lwe_&lt;tokenId&gt;_&lt;secret&gt;</c>, and people's API keys, <c>lwk_&lt;keyId&gt;_&lt;secret&gt;</c>; all are stored as a SHA-256 hash, found by the id they carry.
/// </summary>
public static class Credentials
{
    public const string AgentPrefix = "lwa_";
    public const string EnrollmentTokenPrefix = "lwe_";
    public const string ApiKeyPrefix = "lwk_";

    public static string IssueAgentCredential(long agentId) => Issue(AgentPrefix, agentId);

    public static string IssueEnrollmentToken(long tokenId) => Issue(EnrollmentTokenPrefix, tokenId);

    public static string IssueApiKey(long keyId) => Issue(ApiKeyPrefix, keyId);

    /// <summary>The key id in a person's API key.</summary>
    public static bool TryParseApiKeyId(string token, out long keyId) => TryParseId(token, ApiKeyPrefix, out keyId);

    public static string Hash(string credential) => Convert.ToHexStringLower(Sha256(credential));

    /// <summary>The agent id in a credential; the secret after it may itself contain '_'.</summary>
    public static bool TryParseAgentId(string token, out long agentId) => TryParseId(token, AgentPrefix, out agentId);

    /// <summary>The token id in a minted enrollment token.</summary>
    public static bool TryParseEnrollmentTokenId(string token, out long tokenId) => TryParseId(token, EnrollmentTokenPrefix, out tokenId);

    private static string Issue(string prefix, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{id}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}");

    private static bool TryParseId(string token, string prefix, out long id)
    {
        id = 0;
        if (!token.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var rest = token.AsSpan(prefix.Length);
        var end = rest.IndexOf('_');
        return end > 0 && end < rest.Length - 1
            && long.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    /// <summary>Constant-time comparison of a presented credential with a stored hash.</summary>
    public static bool MatchesHash(string presented, string storedHash)
    {
        if (storedHash.Length != 64)
            return false;
        Span<byte> stored = stackalloc byte[32];
        if (Convert.FromHexString(storedHash, stored, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        return CryptographicOperations.FixedTimeEquals(Sha256(presented), stored);
    }

    /// <summary>Constant-time comparison of two secrets; hashing first hides their lengths.</summary>
    public static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Sha256(presented), Sha256(expected));

    private static byte[] Sha256(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
