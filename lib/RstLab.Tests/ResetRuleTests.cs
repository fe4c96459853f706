using System.Net;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class ResetRuleTests
{
    static readonly IPEndPoint A = new(IPAddress.Loopback, 40000), B = new(IPAddress.Loopback, 8000);

    static TcpSegment Segment(TcpFlags flags, uint seq, uint ack, int length = 0, IPEndPoint? from = null, IPEndPoint? to = null) =>
        new(DateTimeOffset.UnixEpoch, from ?? A, to ?? B, flags, seq, ack, 100, length);

    [Fact]
    public void It_answers_a_segment_without_ACK_with_seq_0_and_ack_seq_plus_len()
    {
        var expected = ResetRule.For(Segment(TcpFlags.Psh, 1000, 0, length: 5))!;

        Assert.Equal(TcpFlags.Rst | TcpFlags.Ack, expected.Flags);
        Assert.Equal(0u, expected.Sequence);
        Assert.Equal(1005u, expected.Acknowledgment);
        Assert.Equal("[R.] seq 0, ack 1005", expected.ToString());
    }

    [Fact]
    public void It_counts_SYN_and_FIN_in_the_segment_length()
    {
        Assert.Equal(1001u, ResetRule.For(Segment(TcpFlags.Syn, 1000, 0))!.Acknowledgment);
        Assert.Equal(1004u, ResetRule.For(Segment(TcpFlags.Fin, 1000, 0, length: 3))!.Acknowledgment);
        Assert.Equal(0u, ResetRule.For(Segment(TcpFlags.Psh, uint.MaxValue, 0, length: 1))!.Acknowledgment);
    }

    [Fact]
    public void It_answers_a_segment_with_ACK_with_seq_ack_and_no_ACK_flag()
    {
        var expected = ResetRule.For(Segment(TcpFlags.Psh | TcpFlags.Ack, 1000, 777, length: 5))!;

        Assert.Equal(TcpFlags.Rst, expected.Flags);
        Assert.Equal(777u, expected.Sequence);
        Assert.Equal("[R] seq 777", expected.ToString());
    }

    [Fact]
    public void It_never_answers_a_reset() =>
        Assert.Null(ResetRule.For(Segment(TcpFlags.Rst, 1, 0)));

    [Fact]
    public void It_checks_a_real_kernel_reset_from_a_capture()
    {
        var segments = Fixtures.Segments("refused.pcap");

        var expected = ResetRule.For(segments[0])!;

        Assert.True(expected.IsMetBy(segments[1]));
        Assert.False(expected.IsMetBy(segments[0]));
    }

    [Fact]
    public void It_rejects_a_reset_with_the_wrong_numbers_or_flags()
    {
        var expected = ResetRule.For(Segment(TcpFlags.Psh | TcpFlags.Ack, 1000, 777, length: 5))!;

        Assert.True(expected.IsMetBy(Segment(TcpFlags.Rst, 777, 0, from: B, to: A)));
        Assert.False(expected.IsMetBy(Segment(TcpFlags.Rst, 778, 0, from: B, to: A)));
        Assert.False(expected.IsMetBy(Segment(TcpFlags.Rst | TcpFlags.Ack, 777, 1005, from: B, to: A)));
    }
}
