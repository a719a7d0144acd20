using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Linkwatch.Agent.State;

namespace Linkwatch.Agent.Link;

/// <summary>
/// How the agent trusts an https server: the system store by default, or a given CA file, or a
/// pinned certificate fingerprint for a self-signed server.
/// </summary>
public static class ServerTrust
{
    public static void Apply(SocketsHttpHandler handler, AgentCredentials credentials)
    {
        if (credentials.ServerFingerprint is { } pinned)
        {
            var expected = NormalizeFingerprint(pinned);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null &&
                Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())).Equals(expected, StringComparison.OrdinalIgnoreCase);
        }
        else if (credentials.CaFile is { } caFile)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }
    }

    /// <summary>Accepts <c>AB:CD:...</c>, <c>abcd...</c> or <c>sha256:...</c>; returns upper-case hex.</summary>
    public static string NormalizeFingerprint(string fingerprint)
    {
        var text = fingerprint.Trim();
        if (text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
            text = text[7..];
        text = text.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
        if (text.Length != 64 || !text.All(Uri.IsHexDigit))
            throw new FormatException("a SHA-256 fingerprint has 64 hex digits (colons allowed)");
        return text;
    }
}
