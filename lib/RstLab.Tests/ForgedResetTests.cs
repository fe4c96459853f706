using System.Net;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class ForgedResetTests
{
    static readonly IPEndPoint Client = new(IPAddress.Loopback, 40001), Server = new(IPAddress.Loopback, 8000);

    static PacketTable Connection(uint serverIsn) => new(
    [
        new(DateTimeOffset.UnixEpoch, Client, Server, TcpFlags.Syn, 500, 0, 65495, 0),
        new(DateTimeOffset.UnixEpoch, Server, Client, TcpFlags.SynAck, serverIsn, 501, 65483, 0),
        new(DateTimeOffset.UnixEpoch, Client, Server, TcpFlags.Ack, 501, serverIsn + 1, 64, 0),
        new(DateTimeOffset.UnixEpoch, Server, Client, TcpFlags.PshAck, serverIsn + 1, 501, 64, 5),
    ], "test", 8000);

    [Fact]
    public void It_aims_a_bare_reset_from_the_server_at_the_client_with_seq_rcv_nxt()
    {
        var reset = TcpSegment.From(ForgedReset.Into(Connection(1000)))!;

        Assert.Equal(Server, reset.Source);
        Assert.Equal(Client, reset.Destination);
        Assert.Equal(TcpFlags.Rst, reset.Flags);
        Assert.Equal(1006u, reset.Sequence);
        Assert.Equal(0, reset.Window);
    }

    [Fact]
    public void It_arrives_with_a_ttl_other_than_the_servers()
    {
        var frame = ForgedReset.Into(Connection(1000));

        Assert.Equal(ForgedReset.AttackerTtl, frame.Data[14 + 8]);   // IPv4 TTL, after the Ethernet header
        Assert.NotEqual(64, ForgedReset.AttackerTtl);
    }

    [Fact]
    public void It_moves_the_seq_by_the_offset_and_wraps_around_2_to_the_32()
    {
        Assert.Equal(2006u, TcpSegment.From(ForgedReset.Into(Connection(1000), offset: 1000))!.Sequence);
        Assert.Equal(4u, TcpSegment.From(ForgedReset.Into(Connection(uint.MaxValue - 6), offset: 5))!.Sequence);
    }

    [Fact]
    public void It_takes_the_numbers_from_the_servers_last_segment_not_from_a_reset()
    {
        var packets = Connection(1000);
        var withReset = new PacketTable([.. packets.Segments,
            new(DateTimeOffset.UnixEpoch, Server, Client, TcpFlags.Rst, 99999, 0, 0, 0)], "test", 8000);

        Assert.Equal(1006u, TcpSegment.From(ForgedReset.Into(withReset))!.Sequence);
    }

    [Fact]
    public void It_refuses_a_capture_without_a_segment_from_the_server()
    {
        var onlySyn = new PacketTable([new(DateTimeOffset.UnixEpoch, Client, Server, TcpFlags.Syn, 500, 0, 65495, 0)], "test", 8000);

        var refused = Assert.Throws<LabArgumentException>(() => ForgedReset.Into(onlySyn));
        Assert.Contains("no segment from the server", refused.Message);
    }
}
