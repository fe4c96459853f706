using RstLab.Capture;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class SegmentTtlTests
{
    [Fact]
    public void It_tells_the_routers_reset_from_the_servers_by_ttl()
    {
        var ttls = SegmentTtl.From(PcapFile.Read(Path.Combine(Recordings.Folder, "06-firewall-syn.pcap")));

        var resets = ttls.Where(t => t.Segment.IsRst).ToDictionary(t => t.Segment.Source.Port, t => t.Ttl);
        Assert.Equal(64, resets[8001]);   // nft reject in the router: its own default TTL
        Assert.Equal(63, resets[8002]);   // the server's kernel, one hop away
        Assert.All(ttls.Where(t => !t.Segment.IsRst && t.Segment.Source.Port == 8001), t => Assert.Equal(63, t.Ttl));
    }

    [Fact]
    public void It_keeps_every_tcp_segment_in_capture_order()
    {
        var frames = PcapFile.Read(Fixtures.Path("graceful.pcap"));

        Assert.Equal(TcpSegment.From(frames), SegmentTtl.From(frames).Select(t => t.Segment));
        Assert.Contains(" ttl 64", SegmentTtl.From(frames)[0].ToString());
    }
}
