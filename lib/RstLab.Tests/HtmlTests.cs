using System.Text.RegularExpressions;
using RstLab.Kernel;
using RstLab.Notebooks;
using RstLab.Packets;
using RstLab.Probe;
using LabChecks = RstLab.Evidence.Checks;

namespace RstLab.Tests;

public sealed partial class HtmlTests
{
    [Fact]
    public void It_marks_rst_rows()
    {
        var html = HtmlView.Packets(Fixtures.Table("abort.pcap"));

        var rows = DataRows(html);
        Assert.Equal(6, rows.Count);
        Assert.Equal([false, false, false, false, false, true], rows.Select(r => r.StartsWith("<tr class=\"rst\">")));
        Assert.Contains("<td>[R.]</td>", rows[5]);
    }

    [Fact]
    public void It_shows_relative_numbers_and_notes()
    {
        var rows = DataRows(HtmlView.Packets(Fixtures.Table("refused.pcap")));

        Assert.Contains("<td>server → client</td><td>[R.]</td><td>0</td><td>1</td><td>0</td><td>0</td>", rows[1]);
        Assert.Contains("RFC 9293", rows[1]);
        Assert.Contains("<td>[S]</td><td>0</td><td></td>", rows[0]);
    }

    [Fact]
    public void It_caps_rows_at_max_rows_and_says_how_many_more()
    {
        var segments = Fixtures.Segments("graceful.pcap");
        var table = new PacketTable([.. segments, .. segments, .. segments, .. segments]);

        var html = HtmlView.Packets(table);

        Assert.Equal(HtmlView.MaxRows, DataRows(html).Count);
        Assert.Contains("… 4 more rows not shown (44 in all).", html);
    }

    [Fact]
    public void It_caps_at_a_chosen_number_of_rows()
    {
        var html = HtmlView.Packets(Fixtures.Table("graceful.pcap"), maxRows: 5);

        Assert.Equal(5, DataRows(html).Count);
        Assert.Contains("6 more rows not shown (11 in all)", html);
    }

    [Fact]
    public void It_adds_a_connection_column_only_for_several_connections()
    {
        Assert.Contains("<th>conn</th>", HtmlView.Packets(Fixtures.Table("refused-three.pcap")));
        Assert.DoesNotContain("<th>conn</th>", HtmlView.Packets(Fixtures.Table("refused.pcap")));
    }

    [Fact]
    public void It_encodes_text()
    {
        var html = HtmlView.Packets(new PacketTable(Fixtures.Segments("refused.pcap"), "<script>alert('x')</script> & co"));

        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public void It_says_when_there_are_no_packets() =>
        Assert.Contains("No packets.", HtmlView.Packets(new PacketTable([])));

    [Fact]
    public void It_renders_rst_counters_with_their_meaning()
    {
        var snmp = Fixtures.Text("proc-net/snmp");
        var before = CounterSnapshot.Parse(snmp);
        var after = CounterSnapshot.Parse(snmp.Replace("Tcp: 1 200 120000 -1 100 4 71 4 0 10432", "Tcp: 1 200 120000 -1 100 4 73 4 0 10440"));

        var html = HtmlView.Counters(before.To(after));

        Assert.Contains($"<tr><td>Tcp.AttemptFails</td><td>71</td><td>73</td><td>+2</td><td>{CounterCatalog.Explain("Tcp.AttemptFails")}</td></tr>", html);
        Assert.DoesNotContain("Tcp.InSegs", html);
        Assert.Contains("1 other counters moved too", html);
        Assert.Contains("<td>Tcp.InSegs</td>", HtmlView.Counters(before.To(after), rstRelatedOnly: false));
    }

    [Fact]
    public void It_says_when_no_rst_counter_moved()
    {
        var snapshot = CounterSnapshot.Parse(Fixtures.Text("proc-net/snmp"));

        Assert.Contains("No RST-related counter moved.", HtmlView.Counters(snapshot.To(snapshot)));
    }

    [Fact]
    public void It_renders_each_claim_with_its_observation()
    {
        var checks = new LabChecks("01-no-listener").That("seq is 0", true, 0).That("ack is ISN+1", false, "7 < 8");

        var html = HtmlView.Checks(checks);

        Assert.Contains("<th>claim (01-no-listener)</th>", html);
        Assert.Contains("<tr class=\"good\"><td>✓</td><td>seq is 0</td><td>0</td><td></td></tr>", html);
        Assert.Contains("<tr class=\"bad\"><td>✗</td><td>ack is ISN+1</td><td>7 &lt; 8</td><td></td></tr>", html);
        Assert.Contains("1 of 2 claims hold on this machine.", html);
    }

    [Fact]
    public void It_renders_capabilities_with_remedies()
    {
        Capability[] capabilities = [new("libpcap", true, "1.10.3", ""), new("Network namespaces", false, "cannot create one", "run as root")];

        var html = HtmlView.Capabilities(capabilities);

        Assert.Contains("<tr class=\"good\"><td>libpcap</td><td>✓ yes</td><td>1.10.3</td><td></td></tr>", html);
        Assert.Contains("<tr class=\"bad\"><td>Network namespaces</td><td>✗ no</td><td>cannot create one</td><td>run as root</td></tr>", html);
    }

    [Fact]
    public void It_renders_socket_entries()
    {
        var html = HtmlView.Sockets(SocketTable.Read(Fixtures.ProcNet, 47215));

        Assert.Contains("<tr><td>LISTEN</td><td>1</td><td>0</td><td>127.0.0.1:47215</td><td>0.0.0.0:0</td><td></td></tr>", html);
        Assert.Contains("The kernel has no socket on these ports.", HtmlView.Sockets([]));
    }

    static List<string> DataRows(string html) =>
        DataRow().Matches(html).Select(m => m.Value).ToList();

    [GeneratedRegex("<tr( class=\"[a-z]+\")?><td>.*?</tr>")]
    private static partial Regex DataRow();
}
