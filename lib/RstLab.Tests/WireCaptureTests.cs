using RstLab.Capture;

namespace RstLab.Tests;

public sealed class WireCaptureTests
{
    [Fact]
    public void It_shows_the_recording_and_says_why()
    {
        using var temp = new TempFolder();
        Recordings.Save("01-refused", PcapFile.Read(Fixtures.Path("refused.pcap")), "tcp and (port 47211)", 47211, temp.Path);
        using var _ = new EnvironmentVariable("RSTLAB_DATA", temp.Path);

        using var wire = WireCapture.Recorded("01-refused", "no CAP_NET_RAW");

        Assert.False(wire.IsLive);
        Assert.Null(wire.Statistics);
        Assert.Equal("no CAP_NET_RAW", wire.Unavailable);
        Assert.Contains("Recorded capture (kernel ", wire.Origin);
        Assert.EndsWith("shown because this part cannot run live here: no CAP_NET_RAW", wire.Origin);
        Assert.Equal(["S", "R."], wire.Packets.Rows.Select(r => r.Flags));
        Assert.False(wire.WaitFor(s => s.IsRst, TimeSpan.Zero));
    }

    [Fact]
    public void It_says_when_there_is_neither_capture_nor_recording()
    {
        using var temp = new TempFolder();
        using var _ = new EnvironmentVariable("RSTLAB_DATA", temp.Path);

        using var wire = WireCapture.Recorded("09-missing", "no CAP_NET_RAW");

        Assert.Empty(wire.Packets.Rows);
        Assert.Contains("data/ has no recording named '09-missing'", wire.Origin);
    }

    [Fact]
    public void It_checks_ports_first() =>
        Assert.Throws<ArgumentException>(() => WireCapture.Start("x", "lo", null));
}
