using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Agent.Dns;

/// <summary>
/// One resource record. <see cref="Data"/> is the presentation form the agent compares and
/// reports: an address, a name without the final dot, <c>10 mail.example</c> for MX, the
/// joined strings of a TXT, <c>mname rname serial refresh retry expire minimum</c> for SOA;
/// other types are hex.
/// </summary>
public sealed record DnsRecord(string Name, ushort Type, uint Ttl, string Data, ushort Class = DnsMessage.ClassIn)
{
    public DnsRecord(string name, DnsRecordType type, uint ttl, string data) : this(name, (ushort)type, ttl, data)
    {
    }
}
