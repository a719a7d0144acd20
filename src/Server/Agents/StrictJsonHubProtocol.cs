using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Agents;

/// <summary>
/// SignalR's JSON protocol, except that a whole message it does not understand (an unknown or missing type) ends
/// the connection with an error instead of being skipped: SignalR skips such a message so that old servers keep
/// working with newer clients, which leaves a peer sending garbage connected and unanswered. Agents speak exactly
/// this protocol version, so nothing honest sends one.
/// </summary>
public sealed class StrictJsonHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private readonly JsonHubProtocol _inner = new(options);

    public string Name => _inner.Name;

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        var before = input.Length;
        if (_inner.TryParseMessage(ref input, binder, out message))
            return true;
        // Nothing parsed although a complete record was consumed: the record was a message of no known type.
        if (input.Length != before)
            throw new InvalidDataException("A hub message of an unknown type was received.");
        return false;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
}
