namespace RstLab.Tests;

/// <summary>libpcap's counters as the library reads them: a burst that overflows a small capture buffer shows its drops.</summary>
[Collection("live")]
public sealed class CaptureStatisticsTests
{
    [LiveFact]
    public void It_counts_the_drops_of_a_burst_that_overflows_a_small_buffer()
    {
        // 5000 forged segments and their 5000 resets, into the smallest buffer the library allows (64 KiB).
        var run = Burst.Build(5000).Run(bufferBytes: 65536);

        Assert.True(run.Frames.Count < 10000, $"all {run.Frames.Count} captured: the buffer did not overflow, so drops were not tested");
        Assert.True(run.Statistics.Dropped > 0, $"captured {run.Frames.Count} of {run.Crossed}, yet libpcap reported no drop");
        Assert.True(run.Accounted, $"captured {run.Frames.Count} + dropped {run.Statistics.Dropped} < {run.Crossed} crossed");
    }

    [LiveFact]
    public void It_counts_both_copies_of_each_loopback_packet_as_received()
    {
        // 256 MiB: libpcap's immediate-mode ring has room for a few thousand loopback frames, enough for all 400 copies.
        var run = Burst.Build(100).Run(bufferBytes: 256 << 20);

        Assert.Equal(0u, run.Statistics.Dropped);
        Assert.Equal(200, run.Frames.Count);
        Assert.Equal(400u, run.Statistics.Received);
    }
}
