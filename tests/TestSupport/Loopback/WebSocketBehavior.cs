namespace Linkwatch.TestSupport;

/// <summary>What <see cref="WebSocketTestServer"/> does at <c>/ws</c>.</summary>
public enum WebSocketBehavior
{
    /// <summary>Accepts the upgrade and sends every message back.</summary>
    Echo,
    /// <summary>Accepts the upgrade and answers every message with "something else".</summary>
    ReplyOtherText,
    /// <summary>Answers 404, as a proxy that forwards HTTP but not WebSockets does.</summary>
    NotFound,
}
