namespace Linkwatch.Shared.Kinds.Tls;

/// <summary>The <c>tls</c> kind: host:port, any family; the responder serves no TLS, so no mesh target.</summary>
public sealed class TlsKind : CheckKind<TlsOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.Tls;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.HostPort;

    /// <inheritdoc/>
    public override TlsOptions ReadOptions(CheckOptionReader reader) => TlsOptions.Read(reader);
}
