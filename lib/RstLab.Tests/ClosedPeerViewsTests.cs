using System.Net.Sockets;
using Microsoft.DotNet.Interactive.Formatting;
using RstLab.Kernel;
using RstLab.Notebooks;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

[Collection("formatters")]
public sealed class ClosedPeerViewsTests
{
    [Fact]
    public void It_shows_each_measurement_with_both_queues()
    {
        var html = ClosedPeerViews.Fills([SendBufferChartsTests.Fill(65536, null, 161280, 93760), SendBufferChartsTests.Fill(null, null, 4139520, 93760)]);

        Assert.Contains("<td>65536</td><td>131072</td><td>unset</td>", html);
        Assert.Contains("<td>161280</td><td>93760</td>", html);
        Assert.Contains("(autotuned)", html);
    }

    [Fact]
    public void It_marks_the_child_sigpipe_killed()
    {
        var html = ClosedPeerViews.SigPipe([new SigPipeRun("python3", false, ["write #1: ok, total 5000"], 141, ""), new SigPipeRun("python3", true, ["write #1: ok, total 5000", "write #2: EPIPE (32)"], 0, "")]);

        Assert.Contains("<tr class=\"rst\"><td>python3</td><td>default action: terminate</td>", html);
        Assert.Contains("<tr><td>python3</td><td>ignored</td>", html);
        Assert.Contains("exit status 141 = 128 + 13", html);
    }

    [Fact]
    public void It_registers_formatters_for_the_closed_peer_types()
    {
        Formatters.Register();
        var delivery = new ClosedPeerDelivery("unread", 50000, 50000, 5000);
        var limits = BufferLimits.Read(Fixtures.Path("proc-sys-net"));

        Assert.Equal(ClosedPeerViews.Deliveries([delivery]), Formatter.ToDisplayString(delivery, HtmlFormatter.MimeType));
        Assert.Equal(ClosedPeerViews.Deliveries([delivery]), Formatter.ToDisplayString(new[] { delivery }, HtmlFormatter.MimeType));
        Assert.Contains("net.core.wmem_max = 4194304", Formatter.ToDisplayString(limits, HtmlFormatter.MimeType));
        Assert.Equal(delivery.ToString(), Formatter.ToDisplayString(delivery, PlainTextFormatter.MimeType));
    }
}
