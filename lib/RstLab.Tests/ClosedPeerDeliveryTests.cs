using RstLab.Packets;
using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class ClosedPeerDeliveryTests
{
    [Fact]
    public void It_reads_what_the_peers_kernel_acknowledged_from_the_capture()
    {
        Assert.Equal(50000, ClosedPeerDelivery.Acknowledged(Fixtures.Table("unread-data.pcap")));
        Assert.Equal(0, ClosedPeerDelivery.Acknowledged(Fixtures.Table("closed-peer.pcap")));
        Assert.Equal(0, ClosedPeerDelivery.Acknowledged(new Packets.PacketTable([])));
    }

    [Fact]
    public void It_says_what_was_never_read()
    {
        var delivery = new ClosedPeerDelivery("unread", 50000, 50000, 5000);

        Assert.Equal(45000, delivery.NeverRead);
        Assert.Equal("unread: written 50000, acknowledged by the peer's kernel 50000, read by the peer 5000, never read 45000", delivery.ToString());
        Assert.Contains("(not captured live)", (delivery with { AcknowledgedByPeerKernel = null }).ToString());
    }

    [Fact]
    public void It_explains_the_bare_rst_that_answers_data_after_close()
    {
        var rst = Fixtures.Table("closed-peer.pcap").Rows[^1];

        Assert.Equal(("R", false, 2L), (rst.Flags.ToText(), rst.FromClient, rst.Seq));
        Assert.Contains("seq = SEG.ACK", rst.Note);
    }
}
