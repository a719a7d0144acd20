namespace Linkwatch.Shared.Kinds.Dns;

/// <summary>The record types the agent can ask for and read (RFC 1035, RFC 3596 for AAAA).</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
}
