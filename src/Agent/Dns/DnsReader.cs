using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Agent.Dns;

/// <summary>Reads the wire format, following compression pointers (RFC 1035 4.1.4) with loop protection.</summary>
internal sealed class DnsReader(byte[] data)
{
    private int _position;

    public ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(_position));
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_position));
        _position += 4;
        return value;
    }

    public string ReadName() => ReadNameAt(ref _position);

    public DnsRecord ReadRecord()
    {
        var name = ReadName();
        var type = ReadUInt16();
        var @class = ReadUInt16();
        var ttl = ReadUInt32();
        var length = ReadUInt16();
        Need(length);
        var start = _position;
        var end = start + length;
        var text = FormatData(type, start, end);
        _position = end;
        return new DnsRecord(name, type, ttl, text, @class);
    }

    private string FormatData(ushort type, int start, int end)
    {
        var length = end - start;
        var position = start;
        switch ((DnsRecordType)type)
        {
            case DnsRecordType.A when length == 4:
            case DnsRecordType.AAAA when length == 16:
                return new IPAddress(data.AsSpan(start, length)).ToString();
            case DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR:
                return Within(ReadNameAt(ref position), position, end);
            case DnsRecordType.MX when length >= 3:
                var preference = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start));
                position += 2;
                var exchange = ReadNameAt(ref position);
                return Within(string.Create(CultureInfo.InvariantCulture, $"{preference} {exchange}"), position, end);
            case DnsRecordType.TXT:
                var text = new StringBuilder();
                while (position < end)
                {
                    var size = data[position++];
                    if (position + size > end)
                        throw new DnsFormatException("a TXT string runs past its record");
                    text.Append(Encoding.UTF8.GetString(data, position, size));
                    position += size;
                }
                return text.ToString();
            case DnsRecordType.SOA:
                var mname = ReadNameAt(ref position);
                var rname = ReadNameAt(ref position);
                if (position + 20 > end)
                    throw new DnsFormatException("an SOA record is cut short");
                var numbers = new uint[5];
                for (var i = 0; i < 5; i++)
                    numbers[i] = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position + 4 * i));
                return Within($"{mname} {rname} {string.Join(' ', numbers)}", position + 20, end);
            default:
                return Convert.ToHexStringLower(data, start, length);
        }
    }

    private static string Within(string value, int position, int end) =>
        position <= end ? value : throw new DnsFormatException("record data runs past its length");

    private string ReadNameAt(ref int position)
    {
        var labels = new List<string>();
        var cursor = position;
        var jumped = false;
        var jumps = 0;
        var length = 0;
        while (true)
        {
            if (cursor >= data.Length)
                throw new DnsFormatException("a name runs past the end of the message");
            var size = data[cursor];
            if ((size & 0xC0) == 0xC0)
            {
                if (cursor + 1 >= data.Length)
                    throw new DnsFormatException("a compression pointer is cut short");
                // Any real message needs few jumps; many means a pointer loop.
                if (++jumps > 64)
                    throw new DnsFormatException("compression pointers loop");
                var target = ((size & 0x3F) << 8) | data[cursor + 1];
                if (!jumped)
                    position = cursor + 2;
                jumped = true;
                cursor = target;
                continue;
            }
            if ((size & 0xC0) != 0)
                throw new DnsFormatException("unknown label type");
            cursor++;
            if (size == 0)
                break;
            if (cursor + size > data.Length)
                throw new DnsFormatException("a label runs past the end of the message");
            length += size + 1;
            if (length > 255)
                throw new DnsFormatException("a name is longer than 255 bytes");
            labels.Add(Encoding.ASCII.GetString(data, cursor, size));
            cursor += size;
        }
        if (!jumped)
            position = cursor;
        return string.Join('.', labels);
    }

    private void Need(int count)
    {
        if (_position + count > data.Length)
            throw new DnsFormatException("the message is cut short");
    }
}
