using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>Self-signed server certificates made in the test, valid for localhost and 127.0.0.1.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 Create(DateTimeOffset notBefore, DateTimeOffset notAfter, string name = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // Through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2 Valid() => Create(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));

    /// <summary>Writes the certificate (no key) as PEM, for caFile.</summary>
    public static string WritePem(X509Certificate2 certificate, string directory)
    {
        var path = Path.Combine(directory, $"ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
