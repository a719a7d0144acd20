using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Agent.Dns;

/// <summary>Writes the wire format; names are written whole (compression is optional for senders).</summary>
internal sealed class DnsWriter
{
    private readonly MemoryStream _buffer = new();

    public void WriteUInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteName(string name)
    {
        var trimmed = name.TrimEnd('.');
        if (trimmed.Length > 0)
        {
            foreach (var label in trimmed.Split('.'))
            {
                var bytes = Encoding.ASCII.GetBytes(label);
                if (bytes.Length is 0 or > 63)
                    throw new ArgumentException($"'{name}' has an empty label or one longer than 63 bytes", nameof(name));
                _buffer.WriteByte((byte)bytes.Length);
                _buffer.Write(bytes);
            }
        }
        _buffer.WriteByte(0);
    }

    public void WriteRecord(DnsRecord record)
    {
        WriteName(record.Name);
        WriteUInt16(record.Type);
        WriteUInt16(record.Class);
        WriteUInt32(record.Ttl);
        var data = new DnsWriter();
        data.WriteData(record);
        var bytes = data.ToArray();
        WriteUInt16((ushort)bytes.Length);
        _buffer.Write(bytes);
    }

    private void WriteData(DnsRecord record)
    {
        switch ((DnsRecordType)record.Type)
        {
            case DnsRecordType.A or DnsRecordType.AAAA:
                _buffer.Write(IPAddress.Parse(record.Data).GetAddressBytes());
                break;
            case DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR:
                WriteName(record.Data);
                break;
            case DnsRecordType.MX:
                var parts = record.Data.Split(' ', 2);
                WriteUInt16(ushort.Parse(parts[0], CultureInfo.InvariantCulture));
                WriteName(parts[1]);
                break;
            case DnsRecordType.TXT:
                var text = Encoding.UTF8.GetBytes(record.Data);
                for (var offset = 0; offset < text.Length || offset == 0; offset += 255)
                {
                    var size = Math.Min(255, text.Length - offset);
                    _buffer.WriteByte((byte)size);
                    _buffer.Write(text, offset, size);
                    if (text.Length == 0)
                        break;
                }
                break;
            case DnsRecordType.SOA:
                var fields = record.Data.Split(' ');
                WriteName(fields[0]);
                WriteName(fields[1]);
                for (var i = 2; i < 7; i++)
                    WriteUInt32(uint.Parse(fields[i], CultureInfo.InvariantCulture));
                break;
            default:
                _buffer.Write(Convert.FromHexString(record.Data));
                break;
        }
    }

    public byte[] ToArray() => _buffer.ToArray();
}
