using System.Net;
using RstLab.Capture;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class TcpSegmentTests
{
    [Theory]
    [InlineData(TcpFlags.Syn, "S")]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack, "S.")]
    [InlineData(TcpFlags.Rst | TcpFlags.Ack, "R.")]
    [InlineData(TcpFlags.Rst, "R")]
    [InlineData(TcpFlags.Psh | TcpFlags.Ack, "P.")]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack, "F.")]
    [InlineData(TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Ack, "FP.")]
    [InlineData(TcpFlags.Ack, ".")]
    [InlineData(TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, "SEW")]
    [InlineData(TcpFlags.None, "none")]
    public void It_formats_flags_like_tcpdump(TcpFlags flags, string text) =>
        Assert.Equal(text, flags.ToText());

    [Theory]
    [InlineData("refused.pcap", "S R.")]
    [InlineData("graceful.pcap", "S S. . P. . P. . F. . F. .")]
    [InlineData("abort.pcap", "S S. . P. . R.")]
    public void It_reads_the_flags_tcpdump_shows(string pcap, string tcpdumpFlags) =>
        Assert.Equal(tcpdumpFlags, string.Join(" ", Fixtures.Segments(pcap).Select(s => s.FlagsText)));

    [Fact]
    public void It_reads_addresses_and_absolute_numbers()
    {
        var (syn, rst) = (Fixtures.Segments("refused.pcap")[0], Fixtures.Segments("refused.pcap")[1]);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 60150), syn.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 47211), syn.Destination);
        Assert.Equal(3358194964u, syn.Sequence);
        Assert.Equal(65495, syn.Window);
        Assert.Equal((0u, 3358194965u, (ushort)0), (rst.Sequence, rst.Acknowledgment, rst.Window));
        Assert.True(rst.IsRst);
        Assert.False(syn.IsRst);
    }

    [Fact]
    public void It_counts_payload_syn_and_fin_in_sequence_space()
    {
        var segments = Fixtures.Segments("graceful.pcap");

        Assert.Equal([1u, 1u, 0u, 5u, 0u, 5u, 0u, 1u, 0u, 1u, 0u], segments.Select(s => s.SequenceLength));
        Assert.Equal(5, segments[3].PayloadLength);
    }

    [Fact]
    public void It_skips_frames_without_tcp()
    {
        var arp = new Frame(DateTimeOffset.UnixEpoch, [.. new byte[12], 0x08, 0x06, .. new byte[28]]);

        Assert.Null(TcpSegment.From(arp));
        Assert.Single(TcpSegment.From([arp, PcapFile.Read(Fixtures.Path("refused.pcap"))[0], arp]));
    }

    [Fact]
    public void It_skips_frames_too_short_to_parse()
    {
        var syn = PcapFile.Read(Fixtures.Path("refused.pcap"))[0];

        Assert.Null(TcpSegment.From(syn with { Data = syn.Data[..40] }));
        Assert.Null(TcpSegment.From(new Frame(DateTimeOffset.UnixEpoch, [1, 2, 3])));
    }
}
