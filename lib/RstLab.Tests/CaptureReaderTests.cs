using System.Net;
using RstLab.Capture;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class CaptureReaderTests
{
    // Every fixture in fixtures/links/ is abort.pcap (or forged.pcap) rewritten by make.py and checked with tshark.
    [Theory]
    [InlineData("links/abort-sll.pcap", LinkType.LinuxSll)]
    [InlineData("links/abort-sll2.pcap", LinkType.LinuxSll2)]
    [InlineData("links/abort-raw.pcap", LinkType.Raw)]
    [InlineData("links/abort-null.pcap", LinkType.Null)]
    [InlineData("links/abort-loop.pcap", LinkType.Loop)]
    [InlineData("links/abort-vlan.pcap", LinkType.Ethernet)]
    [InlineData("links/abort-be-nanos.pcap", LinkType.Ethernet)]
    [InlineData("links/abort-snap60.pcap", LinkType.Ethernet)]
    [InlineData("links/abort.pcapng", LinkType.Ethernet)]
    [InlineData("links/abort-be.pcapng", LinkType.Ethernet)]
    [InlineData("links/abort-nanos.pcapng", LinkType.Ethernet)]
    public void It_reads_the_same_segments_from_every_link_type_and_format(string file, LinkType link)
    {
        var expected = Fixtures.Segments("abort.pcap");

        var frames = CaptureReader.ReadAll(Fixtures.Path(file)).ToList();
        var segments = TcpSegment.From(frames);

        Assert.All(frames, f => Assert.Equal(link, f.LinkType));
        Assert.Equal(expected, segments);
    }

    [Theory]
    [InlineData("links/forged-null.pcap")]
    [InlineData("links/forged-raw-binary.pcapng")]
    public void It_reads_ipv6_from_null_and_raw_links_within_a_microsecond(string file)
    {
        var expected = Fixtures.Segments("forged.pcap");

        var segments = TcpSegment.From(CaptureReader.ReadAll(Fixtures.Path(file)));

        Assert.Equal(expected.Select(s => s with { Time = default }), segments.Select(s => s with { Time = default }));
        Assert.All(expected.Zip(segments), p => Assert.True(Math.Abs((p.First.Time - p.Second.Time).TotalMicroseconds) <= 1, $"{p.First.Time:O} vs {p.Second.Time:O}"));
        Assert.Equal(IPAddress.IPv6Loopback, segments[0].Source.Address);
    }

    [Fact]
    public void It_keeps_nanoseconds_to_the_tick()
    {
        var micro = CaptureReader.ReadAll(Fixtures.Path("abort.pcap")).Select(f => f.Time);
        var nano = CaptureReader.ReadAll(Fixtures.Path("links/abort-nanos.pcapng")).Select(f => f.Time);

        Assert.Equal(micro, nano);
    }

    [Fact]
    public void It_counts_the_payload_of_a_frame_the_snap_length_cut()
    {
        using var reader = CaptureReader.Open(Fixtures.Path("links/abort-snap60.pcap"));
        var lengths = new List<(int Captured, int Original, int Payload)>();
        while (reader.Read(out var frame))
        {
            Assert.True(SegmentDecoder.TryDecode(frame.Link, frame.Data, out var headers));
            lengths.Add((frame.Data.Length, frame.OriginalLength, headers.PayloadLength));
        }

        Assert.Equal((60, 71, 5), lengths[3]);
        Assert.Equal(6, reader.FramesRead);
    }

    [Fact]
    public void It_decodes_the_fields_that_tell_a_socket_from_the_stack()
    {
        using var reader = CaptureReader.Open(Fixtures.Path("closed-peer.pcap"));
        var decoded = new List<WireHeaders>();
        while (reader.Read(out var frame))
            if (SegmentDecoder.TryDecode(frame.Link, frame.Data, out var headers))
                decoded.Add(headers);

        var (syn, rst) = (decoded[0], decoded[^1]);
        Assert.Equal((64, 40, (byte?)10, true), ((int)syn.Ttl, syn.TcpHeaderLength, syn.WindowScale, syn.TimestampValue is not null));
        Assert.Equal((64, 20, (ushort)0, (ushort)0, false), ((int)rst.Ttl, rst.TcpHeaderLength, rst.IpId, rst.Window, rst.TimestampValue is not null));
        Assert.True(rst.DontFragment);
    }

    [Fact]
    public void It_names_a_cut_pcapng_file_in_one_sentence()
    {
        using var temp = new TempFolder();
        var bytes = File.ReadAllBytes(Fixtures.Path("links/abort.pcapng"));
        var path = Path.Combine(temp.Path, "cut.pcapng");
        File.WriteAllBytes(path, bytes[..^7]);

        var e = Assert.Throws<PcapFormatException>(() => CaptureReader.ReadAll(path).ToList());

        Assert.Matches(@"^\S+cut\.pcapng is truncated: the pcapng block at byte \d+ needs \d+ bytes, \d+ remain\.$", e.Message);
    }

    [Fact]
    public void It_names_a_file_that_is_neither_pcap_nor_pcapng()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "notes.txt");
        File.WriteAllText(path, "these are not packets at all");

        var e = Assert.Throws<PcapFormatException>(() => CaptureReader.Open(path).Dispose());

        Assert.EndsWith("notes.txt is neither a pcap nor a pcapng file (magic 0x73656874, expected 0xa1b2c3d4, 0xa1b23c4d or 0x0a0d0d0a).", e.Message);
    }

    [Fact]
    public void It_skips_frames_that_carry_no_tcp()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "mixed.pcap");
        var arp = new Frame(DateTimeOffset.UnixEpoch, [.. new byte[12], 0x08, 0x06, .. new byte[28]]);
        PcapFile.Write(path, [arp, .. PcapFile.Read(Fixtures.Path("refused.pcap")), arp]);

        var frames = CaptureReader.ReadAll(path).ToList();

        Assert.Equal(4, frames.Count);
        Assert.Equal(2, TcpSegment.From(frames).Count);
    }
}
