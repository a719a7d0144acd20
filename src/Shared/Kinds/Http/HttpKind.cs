namespace Linkwatch.Shared.Kinds.Http;

/// <summary>The <c>http</c> kind: a URL, any family; mesh checks target the responder's HTTP health port.</summary>
public sealed class HttpKind : CheckKind<HttpOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.Http;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.Url;

    /// <inheritdoc/>
    public override int? MeshPort(ResponderPorts ports) => ports.Http;

    /// <inheritdoc/>
    public override HttpOptions ReadOptions(CheckOptionReader reader) => HttpOptions.Read(reader);
}
