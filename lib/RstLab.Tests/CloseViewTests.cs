using Microsoft.DotNet.Interactive.Formatting;
using RstLab.Kernel;
using RstLab.Notebooks;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Tests;

// Formatter registrations are process-wide; LabNotebook.Load registers them too.
[Collection("formatters")]
public sealed class CloseViewTests
{
    static CounterComparison Counters(bool isPrivate)
    {
        var before = CounterSnapshot.Parse("Tcp: OutRsts\nTcp: 5\n", "TcpExt: TCPAbortOnData\nTcpExt: 7\n");
        var after = CounterSnapshot.Parse("Tcp: OutRsts\nTcp: 6\n", "TcpExt: TCPAbortOnData\nTcpExt: 8\n");
        return CounterComparison.Of([("graceful", before.To(before)), ("linger 0", before.To(after))], isPrivate, "OutRsts", "TCPAbortOnData");
    }

    [Fact]
    public void It_shows_counters_with_a_column_per_run_and_says_whose_they_are()
    {
        var html = CloseView.Counters(Counters(isPrivate: true));

        Assert.Contains("<th>graceful</th><th>linger 0</th>", html);
        Assert.Contains("<tr><td>TcpExt.TCPAbortOnData</td><td>+0</td><td>+1</td>", html);
        Assert.Contains("private namespace", html);
        Assert.Contains("other traffic may have added", CloseView.Counters(Counters(isPrivate: false)));
    }

    [Fact]
    public void It_shows_an_abort_rst_beside_the_state_it_came_from()
    {
        var numbers = AbortNumbers.Of("SO_LINGER {on, 0}", Fixtures.Table("abort.pcap"));

        var html = CloseView.Numbers([numbers]);

        Assert.Contains("<td>SO_LINGER {on, 0}</td><td>[R.]</td><td>1</td><td>1 ✓ same</td><td>6</td><td>6 ✓ same</td>", html);
        Assert.Contains("✗ differs", CloseView.Numbers([numbers with { SendNext = 9 }]));
        Assert.Equal("SO_LINGER {on, 0}: [R.] seq 1 (snd.nxt 1), ack 6 (rcv.nxt 6)", CloseView.NumbersText([numbers]));
    }

    [Fact]
    public void It_shows_the_peer_s_calls_in_brief_with_linux_and_macos_errno()
    {
        var html = HtmlView.Outcomes(brief: true, outcomes: [
            new SocketOutcome("recv()", System.Net.Sockets.SocketError.ConnectionReset, 104, TimeSpan.Zero),
            new SocketOutcome("send(5 bytes)", System.Net.Sockets.SocketError.Shutdown, 32, TimeSpan.Zero),
        ]);

        Assert.Contains("<td>recv()</td><td>ConnectionReset</td><td>104 ECONNRESET</td><td>54</td>", html);
        Assert.Contains("<td>send(5 bytes)</td><td>Shutdown</td><td>32 EPIPE</td><td>32</td></tr>", html);
        Assert.DoesNotContain("Windows", html);
    }

    [Fact]
    public void It_makes_notebooks_show_counter_comparisons_and_abort_numbers_as_our_html()
    {
        Formatters.Register();
        var counters = Counters(isPrivate: true);
        IEnumerable<AbortNumbers> numbers = [AbortNumbers.Of("abort", Fixtures.Table("abort.pcap"))];

        Assert.Equal(CloseView.Counters(counters), Formatter.ToDisplayString(counters, HtmlFormatter.MimeType));
        Assert.Equal(CloseView.CountersText(counters), Formatter.ToDisplayString(counters, PlainTextFormatter.MimeType));
        Assert.Equal(CloseView.Numbers(numbers), Formatter.ToDisplayString(numbers.ToArray(), HtmlFormatter.MimeType));
    }
}
