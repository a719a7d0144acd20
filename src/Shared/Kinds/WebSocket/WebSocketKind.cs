namespace Linkwatch.Shared.Kinds.WebSocket;

/// <summary>The <c>websocket</c> kind: a ws/wss URL, any family; mesh checks target the responder's WebSocket echo.</summary>
public sealed class WebSocketKind : CheckKind<WebSocketOptions>
{
    /// <inheritdoc/>
    public override string Name => CheckKinds.WebSocket;

    /// <inheritdoc/>
    public override TargetForm TargetForm => TargetForm.Url;

    /// <inheritdoc/>
    public override int? MeshPort(ResponderPorts ports) => ports.WebSocketEcho;

    /// <inheritdoc/>
    public override WebSocketOptions ReadOptions(CheckOptionReader reader) => WebSocketOptions.Read(reader);
}
