using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkwatch.Server.Notifications.Channels.Email;

/// <summary>
/// How an email channel decides whether to trust its relay's certificate: the system's trust store
/// (default), a pinned SHA-256 fingerprint (a self-signed relay: the pin replaces chain and name checks),
/// or a private CA from a PEM file (chain to that CA, and the name must match).
/// </summary>
public sealed class EmailTrust(string? fingerprint, string? caFile)
{
    /// <summary>Why the last certificate was refused, for the delivery log.</summary>
    public string? Refusal { get; private set; }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
            return Refuse("the relay presented no certificate");
        if (fingerprint is not null)
        {
            var actual = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            return string.Equals(actual, fingerprint, StringComparison.OrdinalIgnoreCase)
                || Refuse($"the relay's certificate has SHA-256 fingerprint {actual}, not the trusted {fingerprint}");
        }
        if (caFile is not null)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                return Refuse("the relay's certificate does not name the host");
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            custom.ChainPolicy.CustomTrustStore.ImportFromPemFile(caFile);
            if (chain is not null)
                custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return custom.Build(leaf)
                || Refuse($"the relay's certificate does not chain to {caFile}: {string.Join("; ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()))}");
        }
        return errors == SslPolicyErrors.None || Refuse($"the relay's certificate is not trusted ({errors})");
    }

    private bool Refuse(string why)
    {
        Refusal = why;
        return false;
    }
}
