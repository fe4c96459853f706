using RstLab.Kernel;
using RstLab.Notebooks;
using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class RebootedPeerViewTests
{
    [Fact]
    public void It_shows_why_a_run_could_not_happen()
    {
        using var run = RebootedPeer.NotRun("04-no-such-recording", "Creating a network namespace needs root (CAP_SYS_ADMIN)");

        Assert.Contains("needs root (CAP_SYS_ADMIN)", RebootedPeerView.Html(run));
        Assert.Equal("Creating a network namespace needs root (CAP_SYS_ADMIN)", RebootedPeerView.Text(run));
        Assert.Contains("no recording named '04-no-such-recording'", run.Wire.Origin);
    }

    [Fact]
    public void It_marks_each_forged_answer_with_the_rule()
    {
        var answers = ForgedSegments.AnswersIn(Fixtures.Table("forged.pcap", serverPort: 36711));

        var html = RebootedPeerView.Html(answers);

        Assert.Equal(2, html.Split("<tr class=\"good\">").Length - 1);
        Assert.Contains("[R.] seq 0, ack 2341847830", html);
        Assert.Contains("[R] seq 4009797479", html);
        Assert.Contains("✓", RebootedPeerView.Text(answers));
    }

    [Fact]
    public void It_names_each_host_above_its_counters()
    {
        var before = CounterSnapshot.Parse("Tcp: OutRsts EstabResets\nTcp: 0 0\n");
        var after = CounterSnapshot.Parse("Tcp: OutRsts EstabResets\nTcp: 1 0\n");

        var html = RebootedPeerView.Html([new HostCounters("server after the reboot", "rstlab-1-3", before.To(after))]);

        Assert.Contains("<b>server after the reboot</b> (rstlab-1-3)", html);
        Assert.Contains("Tcp.OutRsts", html);
        Assert.Equal("server after the reboot (rstlab-1-3): Tcp.OutRsts +1", RebootedPeerView.Text([new HostCounters("server after the reboot", "rstlab-1-3", before.To(after))]));
    }
}
