using System.Buffers.Binary;
using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Agent.Dns;

/// <summary>
/// A DNS message (RFC 1035 4.1): the header fields a probe needs and the record sections.
/// <see cref="Parse"/> reads what servers send (compressed names included); <see cref="Encode"/>
/// writes queries and, for tests and the responder, answers (names uncompressed).
/// </summary>
public sealed record DnsMessage
{
    public const ushort ClassIn = 1;
    /// <summary>The classic UDP payload limit without EDNS; longer answers come truncated.</summary>
    public const int MaxUdpSize = 512;

    public ushort Id { get; init; }
    public bool IsResponse { get; init; }
    public byte Opcode { get; init; }
    public bool Authoritative { get; init; }
    public bool Truncated { get; init; }
    public bool RecursionDesired { get; init; }
    public bool RecursionAvailable { get; init; }
    public DnsResponseCode ResponseCode { get; init; }
    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];
    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];
    public IReadOnlyList<DnsRecord> Authorities { get; init; } = [];
    public IReadOnlyList<DnsRecord> Additionals { get; init; } = [];

    /// <summary>A standard query for one name and type with recursion desired and a random id.</summary>
    public static DnsMessage Query(string name, DnsRecordType type, ushort? id = null) => new()
    {
        Id = id ?? (ushort)Random.Shared.Next(0, 65536),
        RecursionDesired = true,
        Questions = [new DnsQuestion(name, (ushort)type)],
    };

    public byte[] Encode()
    {
        var writer = new DnsWriter();
        writer.WriteUInt16(Id);
        var flags = (IsResponse ? 0x8000 : 0) | ((Opcode & 0xF) << 11) | (Authoritative ? 0x0400 : 0)
            | (Truncated ? 0x0200 : 0) | (RecursionDesired ? 0x0100 : 0) | (RecursionAvailable ? 0x0080 : 0)
            | ((int)ResponseCode & 0xF);
        writer.WriteUInt16((ushort)flags);
        writer.WriteUInt16((ushort)Questions.Count);
        writer.WriteUInt16((ushort)Answers.Count);
        writer.WriteUInt16((ushort)Authorities.Count);
        writer.WriteUInt16((ushort)Additionals.Count);
        foreach (var question in Questions)
        {
            writer.WriteName(question.Name);
            writer.WriteUInt16(question.Type);
            writer.WriteUInt16(question.Class);
        }
        foreach (var record in Answers.Concat(Authorities).Concat(Additionals))
            writer.WriteRecord(record);
        return writer.ToArray();
    }

    public static DnsMessage Parse(ReadOnlySpan<byte> data)
    {
        var reader = new DnsReader(data.ToArray());
        var id = reader.ReadUInt16();
        var flags = reader.ReadUInt16();
        var questions = reader.ReadUInt16();
        var answers = reader.ReadUInt16();
        var authorities = reader.ReadUInt16();
        var additionals = reader.ReadUInt16();
        var parsedQuestions = new List<DnsQuestion>(questions);
        for (var i = 0; i < questions; i++)
            parsedQuestions.Add(new DnsQuestion(reader.ReadName(), reader.ReadUInt16(), reader.ReadUInt16()));
        return new DnsMessage
        {
            Id = id,
            IsResponse = (flags & 0x8000) != 0,
            Opcode = (byte)((flags >> 11) & 0xF),
            Authoritative = (flags & 0x0400) != 0,
            Truncated = (flags & 0x0200) != 0,
            RecursionDesired = (flags & 0x0100) != 0,
            RecursionAvailable = (flags & 0x0080) != 0,
            ResponseCode = (DnsResponseCode)(flags & 0xF),
            Questions = parsedQuestions,
            Answers = ReadRecords(reader, answers),
            Authorities = ReadRecords(reader, authorities),
            Additionals = ReadRecords(reader, additionals),
        };
    }

    private static List<DnsRecord> ReadRecords(DnsReader reader, int count)
    {
        var records = new List<DnsRecord>(count);
        for (var i = 0; i < count; i++)
            records.Add(reader.ReadRecord());
        return records;
    }

    /// <summary>The two-byte length prefix of DNS over TCP (RFC 1035 4.2.2).</summary>
    public static byte[] FrameForTcp(byte[] message)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }
}
