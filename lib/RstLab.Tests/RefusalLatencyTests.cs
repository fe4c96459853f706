using RstLab.Packets;
using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class RefusalLatencyTests
{
    [Fact]
    public void It_measures_syn_to_rst_for_each_refused_connection()
    {
        var latencies = RefusalLatency.From(Fixtures.Table("refused-three.pcap"));

        Assert.Equal([1, 2, 3], latencies.Select(l => l.Attempt));
        Assert.Equal([59258, 59268, 59282], latencies.Select(l => l.ClientPort));
        Assert.Equal([11.0, 5.0, 4.0], latencies.Select(l => l.Microseconds));
    }

    [Fact]
    public void It_ignores_connections_that_were_not_refused() =>
        Assert.Empty(RefusalLatency.From(Fixtures.Table("graceful.pcap")));

    [Fact]
    public void It_ignores_a_rst_whose_syn_was_not_captured() =>
        Assert.Empty(RefusalLatency.From(new PacketTable(Fixtures.Segments("refused.pcap").Skip(1).ToList())));
}
