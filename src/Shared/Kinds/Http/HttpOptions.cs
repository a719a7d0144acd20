namespace Linkwatch.Shared.Kinds.Http;

/// <summary>Options of the <c>http</c> kind.</summary>
public sealed record HttpOptions
{
    /// <summary>The kind's descriptor. Mesh checks target the responder's HTTP health port.</summary>
    public static CheckKind<HttpOptions> Descriptor { get; } = new(CheckKinds.Http, TargetForm.Url, Read) { MeshPortOf = ports => ports.Http };

    /// <summary>The one status that counts as ok; null means any 200-399 (a redirect is a working site).</summary>
    public int? ExpectStatus { get; init; }
    /// <summary>Text the body must contain (ordinal, UTF-8).</summary>
    public string? ExpectBody { get; init; }
    /// <summary>Accept any certificate: for self-signed hosts whose reachability, not identity, is watched.</summary>
    public bool Insecure { get; init; }
    /// <summary>PEM file of CA certificates trusted in addition to the system's.</summary>
    public string? CaFile { get; init; }
    /// <summary>Server name for TLS and the Host header, when the URL holds an address.</summary>
    public string? Sni { get; init; }

    public bool IsOkStatus(int status) => ExpectStatus is { } expected ? status == expected : status is >= 200 and <= 399;

    public static HttpOptions Read(CheckOptionReader reader)
    {
        var options = new HttpOptions
        {
            ExpectStatus = reader.GetInt("expectStatus", 100, 599),
            ExpectBody = reader.GetNonEmptyString("expectBody"),
            Insecure = reader.GetBool("insecure", false),
            CaFile = reader.GetExistingFile("caFile"),
            Sni = reader.GetHostName("sni"),
        };
        return options;
    }
}
