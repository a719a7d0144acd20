namespace Linkwatch.Shared.Kinds.Grpc;

/// <summary>Options of the <c>grpc</c> kind: one <c>grpc.health.v1.Health/Check</c> call over HTTP/2.</summary>
public sealed record GrpcOptions
{
    /// <summary>The kind's descriptor. The responder serves no gRPC, so there is no mesh target.</summary>
    public static CheckKind<GrpcOptions> Descriptor { get; } = new(CheckKinds.Grpc, TargetForm.HostPort, Read);

    /// <summary>gRPC's own limit on a method or service name is far larger; a health service name is a short dotted word.</summary>
    public const int MaxServiceLength = 200;

    /// <summary>Health service name to ask about; null asks about the server as a whole (the empty name).</summary>
    public string? Service { get; init; }
    /// <summary>HTTP/2 without TLS (h2c), as gRPC servers inside a cluster often listen.</summary>
    public bool Plaintext { get; init; }
    /// <summary>Server name to send and verify; null uses the target host.</summary>
    public string? Sni { get; init; }
    /// <summary>Accept any chain and name; expiry is still reported.</summary>
    public bool Insecure { get; init; }
    /// <summary>PEM file of CA certificates trusted in addition to the system's.</summary>
    public string? CaFile { get; init; }
    public int ExpiryWarningDays { get; init; } = Tls.TlsOptions.DefaultExpiryWarningDays;

    public static GrpcOptions Read(CheckOptionReader reader)
    {
        var options = new GrpcOptions
        {
            Service = reader.GetNonEmptyString("service"),
            Plaintext = reader.GetBool("plaintext", false),
            Sni = reader.GetHostName("sni"),
            Insecure = reader.GetBool("insecure", false),
            CaFile = reader.GetExistingFile("caFile"),
            ExpiryWarningDays = reader.GetInt("expiryWarningDays", 0, 3650) ?? Tls.TlsOptions.DefaultExpiryWarningDays,
        };
        if (options.Service is { Length: > MaxServiceLength })
            reader.AddError("service", $"service must be at most {MaxServiceLength} characters");
        else if (options.Service is not null && options.Service.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            reader.AddError("service", "service must not contain spaces or control characters");
        if (options.Plaintext && (options.Sni is not null || options.Insecure || options.CaFile is not null))
            reader.AddError("plaintext", "plaintext sends no TLS: sni, insecure and caFile do not apply with it");
        return options;
    }
}
