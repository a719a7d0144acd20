using System.Text;
using System.Text.Json.Nodes;

namespace Linkwatch.TestSupport;

/// <summary>One request as <see cref="WebhookReceiver"/> read it off the wire.</summary>
public sealed record ReceivedRequest(string RequestLine, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool Chunked, DateTimeOffset At)
{
    public JsonNode Json => JsonNode.Parse(Encoding.UTF8.GetString(Body))!;

    public string Event => Json["event"]!.GetValue<string>();
}
