using Linkwatch.Agent.Dns;
using Linkwatch.Shared.Kinds.Dns;

namespace Linkwatch.Agent.Tests.Unit;

public class DnsMessageTests
{
    [Fact]
    public void Query_encodes_byte_exact_with_id_rd_and_one_question()
    {
        var bytes = DnsMessage.Query("example.com", DnsRecordType.A, id: 0x1234).Encode();
        Assert.Equal(Convert.FromHexString("123401000001000000000000" + "076578616d706c6503636f6d00" + "00010001"), bytes);
    }

    [Fact]
    public void Query_ids_are_random()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => DnsMessage.Query("a.test", DnsRecordType.A).Id).Distinct().Count();
        Assert.True(ids > 40, $"only {ids} distinct ids in 50 queries");
    }

    [Fact]
    public void Response_with_compressed_names_parses()
    {
        var packet = Convert.FromHexString(
            "123481800001000200000000" +
            "076578616d706c6503636f6d0000010001" +
            // example.com CNAME www.example.com: owner is a pointer to offset 12, target "www" + pointer.
            "c00c" + "0005" + "0001" + "00000e10" + "0006" + "03777777" + "c00c" +
            // www.example.com A 93.184.216.34: owner points into the previous record's data (offset 41).
            "c029" + "0001" + "0001" + "0000003c" + "0004" + "5db8d822");
        var message = DnsMessage.Parse(packet);

        Assert.Equal(0x1234, message.Id);
        Assert.True(message.IsResponse);
        Assert.True(message.RecursionDesired);
        Assert.True(message.RecursionAvailable);
        Assert.False(message.Truncated);
        Assert.Equal(DnsResponseCode.NoError, message.ResponseCode);
        Assert.Equal(new DnsQuestion("example.com", 1), Assert.Single(message.Questions));
        Assert.Collection(message.Answers,
            a => Assert.Equal(new DnsRecord("example.com", DnsRecordType.CNAME, 3600, "www.example.com"), a),
            a => Assert.Equal(new DnsRecord("www.example.com", DnsRecordType.A, 60, "93.184.216.34"), a));
    }

    [Fact]
    public void Header_flags_truncated_and_rcode_parse()
    {
        // QR, opcode 0, TC, RD; RA, rcode 3 (NXDOMAIN); no sections.
        var message = DnsMessage.Parse(Convert.FromHexString("abcd" + "8383" + "0000000000000000"));
        Assert.True(message.Truncated);
        Assert.Equal(DnsResponseCode.NameError, message.ResponseCode);
    }

    [Fact]
    public void Mx_with_a_compressed_exchange_parses()
    {
        var packet = Convert.FromHexString(
            "000181800001000100000000" +
            "076578616d706c6503636f6d00000f0001" +
            "c00c000f0001000001000009000a046d61696cc00c");
        Assert.Equal("10 mail.example.com", Assert.Single(DnsMessage.Parse(packet).Answers).Data);
    }

    [Fact]
    public void A_compression_pointer_loop_is_a_format_error_not_a_hang()
    {
        var packet = Convert.FromHexString("000181800001000000000000" + "c00c00010001");
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(packet));
    }

    [Fact]
    public void A_message_cut_short_is_a_format_error()
    {
        var whole = DnsMessage.Query("example.com", DnsRecordType.A, 7).Encode();
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(whole.AsSpan(0, whole.Length - 3)));
    }

    [Theory]
    [InlineData(DnsRecordType.A, "192.0.2.1")]
    [InlineData(DnsRecordType.AAAA, "2001:db8::1")]
    [InlineData(DnsRecordType.CNAME, "target.example")]
    [InlineData(DnsRecordType.NS, "ns1.example")]
    [InlineData(DnsRecordType.PTR, "host.example")]
    [InlineData(DnsRecordType.MX, "5 mx.example")]
    [InlineData(DnsRecordType.TXT, "v=spf1 -all")]
    [InlineData(DnsRecordType.SOA, "ns1.example hostmaster.example 2024010101 7200 3600 1209600 300")]
    public void Every_supported_type_round_trips(DnsRecordType type, string data)
    {
        var message = new DnsMessage
        {
            Id = 9,
            IsResponse = true,
            Questions = [new DnsQuestion("x.example", (ushort)type)],
            Answers = [new DnsRecord("x.example", type, 300, data)],
        };
        var parsed = DnsMessage.Parse(message.Encode());
        Assert.Equal(data, Assert.Single(parsed.Answers).Data);
        Assert.Equal((ushort)type, parsed.Answers[0].Type);
    }

    [Fact]
    public void Txt_record_data_is_length_prefixed_strings()
    {
        var message = new DnsMessage { Answers = [new DnsRecord("t", DnsRecordType.TXT, 1, "hi")] };
        var bytes = message.Encode();
        // ... rdlength 3, then one string of length 2.
        Assert.Equal(Convert.FromHexString("0003026869"), bytes[^5..]);
    }
}
