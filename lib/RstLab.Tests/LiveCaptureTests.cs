using RstLab.Capture;

namespace RstLab.Tests;

public sealed class LiveCaptureTests
{
    [Fact]
    public void It_filters_tcp_on_the_ports_in_order()
    {
        Assert.Equal("tcp and (port 8000 or port 40000)", LiveCapture.FilterFor([40000, 8000]));
        Assert.Equal("tcp and (port 9)", LiveCapture.FilterFor([9, 9]));
    }

    [Fact]
    public void It_never_captures_all_traffic()
    {
        var e = Assert.Throws<LabArgumentException>(() => LiveCapture.FilterFor([]));
        Assert.Contains("at least one port", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void It_rejects_ports_outside_1_to_65535(int port)
    {
        var e = Assert.Throws<LabArgumentException>(() => LiveCapture.FilterFor([8000, port]));
        Assert.Contains($"got {port}", e.Message);
    }

    [Fact]
    public void It_checks_ports_before_opening_a_device() =>
        Assert.Throws<LabArgumentException>(() => LiveCapture.Start("lo", 70000));

    [Fact]
    public void It_names_a_device_that_does_not_exist()
    {
        var e = Assert.Throws<CaptureUnavailableException>(() => LiveCapture.Start("rstlab-nodev0", 9));

        Assert.Equal(CaptureProblem.NoDevice, e.Problem);
        Assert.Contains("'rstlab-nodev0'", e.Message);
    }
}
