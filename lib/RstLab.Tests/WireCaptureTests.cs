using RstLab.Packets;
using RstLab.Capture;

namespace RstLab.Tests;

// It sets RSTLAB_DATA for the whole process: alone, so no test running beside it reads another data folder.
[Collection("live")]
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
        Assert.Contains("shown because this part cannot run live here: no CAP_NET_RAW.", wire.Origin);
        Assert.EndsWith("This recording holds no traced reset reasons (it was recorded without tracing).", wire.Origin);
        Assert.Equal(["S", "R."], wire.Packets.Rows.Select(r => r.Flags.ToText()));
        Assert.False(wire.WaitFor(s => s.IsRst, TimeSpan.FromMilliseconds(10)));
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
        Assert.Throws<LabArgumentException>(() => WireCapture.Start("x", "lo", null));
    [Fact]
    public void It_says_which_recording_is_damaged_and_how_to_restore_it()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(Path.Combine(temp.Path, "01-refused.pcap"), File.ReadAllBytes(Fixtures.Path("refused.pcap"))[..50]);
        using var _ = new EnvironmentVariable("RSTLAB_DATA", temp.Path);

        var e = Assert.Throws<PcapFormatException>(() => WireCapture.Recorded("01-refused", "no CAP_NET_RAW"));

        Assert.Contains("01-refused.pcap is damaged: ", e.Message);
        Assert.Contains("is truncated: frame 1 needs 74 bytes, 10 remain", e.Message);
        Assert.Contains("git checkout -- data/01-refused.pcap", e.Message);
        Assert.Contains("sudo ./lab record", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    public void It_refuses_a_bad_recording_name_before_capturing(string name)
    {
        var e = Assert.Throws<LabArgumentException>(() => WireCapture.Start(name, "lo", null, 9));

        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void It_refuses_a_timeout_that_is_not_finite_and_positive()
    {
        using var wire = WireCapture.Recorded("09-missing", "no CAP_NET_RAW");

        foreach (var bad in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1), Timeout.InfiniteTimeSpan, TimeSpan.FromDays(1) })
            Assert.Equal("timeout", Assert.Throws<LabArgumentException>(() => wire.WaitFor(_ => true, bad)).ParamName);
    }
}
