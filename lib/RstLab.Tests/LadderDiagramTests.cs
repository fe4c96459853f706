using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RstLab.Diagrams;
using RstLab.Kernel;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed partial class LadderDiagramTests
{
    [Fact]
    public void It_draws_one_arrow_per_segment_in_capture_order()
    {
        var table = Fixtures.Table("graceful.pcap");

        var ladder = LadderDiagram.Of(table);

        Assert.Equal(table.Rows.Select(r => r.Number), ladder.Arrows.Select(a => a.Number));
        Assert.Equal(table.Rows.Select(r => r.FromClient), ladder.Arrows.Select(a => a.FromClient));
        Assert.Equal(table.Rows.Select(r => r.Number.ToString(CultureInfo.InvariantCulture)), ArrowLines(ladder.ToSvg()).Select(l => l.Number));
    }

    [Fact]
    public void It_draws_time_going_down_with_arrows_sloped_for_transit()
    {
        var lines = ArrowLines(LadderDiagram.Of(Fixtures.Table("graceful.pcap")).ToSvg());

        Assert.All(lines, l => Assert.True(l.Y2 > l.Y1, $"arrow {l.Number} slopes down"));
        Assert.All(lines.Zip(lines.Skip(1)), p => Assert.True(p.Second.Y1 > p.First.Y2, $"arrow {p.Second.Number} starts below arrow {p.First.Number}"));
    }

    [Fact]
    public void It_labels_arrows_with_flags_relative_numbers_and_length()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("refused.pcap"));

        Assert.Equal(["[S] seq 0", "[R.] seq 0, ack 1"], ladder.Arrows.Select(a => a.Label));
        var data = LadderDiagram.Of(Fixtures.Table("graceful.pcap")).Arrows.First(a => a.Label.StartsWith("[P.]"));
        Assert.Equal("[P.] seq 1:6, ack 1, len 5", data.Label);
        Assert.Contains(">[P.] seq 1:6, ack 1, len 5</text>", LadderDiagram.Of(Fixtures.Table("graceful.pcap")).ToSvg());
    }

    [Fact]
    public void It_draws_rst_arrows_in_red_with_a_marked_label()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("abort.pcap"));
        var svg = ladder.ToSvg();

        var rst = Assert.Single(ladder.Arrows, a => a.IsRst);
        Assert.Equal(6, rst.Number);
        var group = Assert.Single(Regex.Matches(svg, "<g class=\"rstlab-arrow rst\"[^>]*>.*?</g>").Select(m => m.Value));
        Assert.Contains($"data-number=\"{rst.Number}\"", group);
        Assert.Contains("stroke=\"#c00\" stroke-width=\"3\" marker-end=\"url(#rstlab-head-rst)\"", group);
        Assert.Contains("fill=\"#fde4e4\" stroke=\"#c00\"", group);
        Assert.Contains("font-weight=\"bold\">[R.] seq 1, ack 6</text>", group);
        Assert.Equal(5, Regex.Count(svg, "<g class=\"rstlab-arrow\""));
        Assert.DoesNotContain("#c00", string.Concat(Regex.Matches(svg, "<g class=\"rstlab-arrow\"[^>]*>.*?</g>").Select(m => m.Value)));
    }

    [Fact]
    public void It_names_both_ends_and_points_arrows_the_right_way()
    {
        var table = Fixtures.Table("refused.pcap");
        var ladder = LadderDiagram.Of(table);
        var svg = ladder.ToSvg();

        Assert.Equal($"client {table.Rows[0].Segment.Source}", ladder.Client);
        Assert.Equal($"server {table.Rows[0].Segment.Destination}", ladder.Server);
        Assert.Contains($">{table.Rows[0].Segment.Source}</text>", svg);
        var (syn, rst) = (ArrowLines(svg)[0], ArrowLines(svg)[1]);
        Assert.True(syn.X2 > syn.X1, "the SYN points from client (left) to server (right)");
        Assert.True(rst.X2 < rst.X1, "the RST points from server to client");
    }

    [Fact]
    public void It_infers_each_sides_state_through_a_graceful_close()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("graceful.pcap"));

        Assert.Equal(new TcpStates(TcpState.Closed, TcpState.Listen), ladder.Initial);
        Assert.Equal(
            ["SYN-SENT", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "TIME-WAIT"],
            ladder.Arrows.Select(a => a.ClientState?.ToText()));
        Assert.Equal(
            ["SYN-RECEIVED", "SYN-RECEIVED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "ESTABLISHED", "CLOSE-WAIT", "CLOSE-WAIT", "LAST-ACK", "CLOSED"],
            ladder.Arrows.Select(a => a.ServerState?.ToText()));
        Assert.Equal(new TcpStates(TcpState.TimeWait, TcpState.Closed), ladder.Final);
    }

    [Fact]
    public void It_closes_both_sides_on_a_reset()
    {
        var refused = LadderDiagram.Of(Fixtures.Table("refused.pcap"));
        var aborted = LadderDiagram.Of(Fixtures.Table("abort.pcap"));

        Assert.Equal(new TcpStates(TcpState.Closed, TcpState.Closed), refused.Initial);
        Assert.Equal([TcpState.SynSent, TcpState.Closed], refused.Arrows.Select(a => a.ClientState));
        Assert.Equal(new TcpStates(TcpState.Closed, TcpState.Closed), aborted.Final);
        Assert.Equal(TcpState.Established, aborted.Arrows[^2].ClientState);
    }

    [Fact]
    public void It_draws_the_states_beside_each_line()
    {
        var svg = LadderDiagram.Of(Fixtures.Table("graceful.pcap")).ToSvg();

        var states = Regex.Matches(svg, "<g class=\"rstlab-state\">.*?>([A-Z0-9-]+)</text></g>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"], states);
        Assert.Contains("data-state=\"ESTABLISHED\"", svg);
        Assert.Contains("inferred from the capture", svg);
    }

    [Fact]
    public void It_marks_the_handshake_data_close_and_reset_phases()
    {
        Assert.Equal(["handshake", "handshake", "handshake", "data", "data", "data", "data", "close", "close", "close", "close"],
            LadderDiagram.Of(Fixtures.Table("graceful.pcap")).Arrows.Select(a => a.Phase));
        var abort = LadderDiagram.Of(Fixtures.Table("abort.pcap"));
        Assert.Equal(["handshake", "handshake", "handshake", "data", "data", "reset"], abort.Arrows.Select(a => a.Phase));
        Assert.Equal(3, Regex.Count(abort.ToSvg(), "class=\"rstlab-phase\""));
    }

    [Fact]
    public void It_shows_where_time_passed_between_segments()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("graceful.pcap"));
        var svg = ladder.ToSvg();

        Assert.Equal(ladder.Arrows.Count(a => a.Delta >= LadderDiagram.GapSeconds), Regex.Count(svg, "class=\"rstlab-gap\""));
        Assert.Contains("⋯ 50.3 ms later ⋯", svg);
        Assert.DoesNotContain("rstlab-gap", LadderDiagram.Of(Fixtures.Table("refused.pcap")).ToSvg());
    }

    [Fact]
    public void It_confirms_the_inferred_states_with_the_socket_table()
    {
        var table = Fixtures.Table("graceful.pcap");
        var (client, server) = (table.Rows[0].Segment.Source, table.Rows[0].Segment.Destination);
        SocketEntry[] sockets = [new(client, server, TcpState.TimeWait, 0, 0), new(server, new IPEndPoint(IPAddress.Any, 0), TcpState.Listen, 0, 0)];

        var ladder = LadderDiagram.Of(table, sockets: sockets);

        Assert.Equal(new TcpStates(TcpState.TimeWait, TcpState.Closed), ladder.Kernel);
        Assert.True(ladder.KernelAgrees);
        Assert.Equal(2, Regex.Count(ladder.ToSvg(), "class=\"rstlab-kernel agrees\""));
        Assert.Contains("socket table: TIME-WAIT ✓", ladder.ToSvg());
    }

    [Fact]
    public void It_says_when_the_socket_table_differs_or_cannot_tell()
    {
        var table = Fixtures.Table("graceful.pcap");
        var (client, server) = (table.Rows[0].Segment.Source, table.Rows[0].Segment.Destination);

        var differs = LadderDiagram.Of(table, sockets: [new SocketEntry(client, server, TcpState.Established, 0, 0)]);
        var elsewhere = LadderDiagram.Of(table, sockets: [new SocketEntry(new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.Loopback, 2), TcpState.Established, 0, 0)]);

        Assert.False(differs.KernelAgrees);
        Assert.Contains("socket table: ESTABLISHED ≠", differs.ToSvg());
        Assert.Null(elsewhere.Kernel);
        Assert.Null(elsewhere.KernelAgrees);
        Assert.Contains("not from this run", elsewhere.ToSvg());
        Assert.Null(LadderDiagram.Of(table).KernelAgrees);
    }

    [Fact]
    public void It_reads_no_socket_as_closed()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("refused.pcap"), sockets: []);

        Assert.Equal(new TcpStates(TcpState.Closed, TcpState.Closed), ladder.Kernel);
        Assert.True(ladder.KernelAgrees);
    }

    [Theory]
    [InlineData("TIME_WAIT", "TIME-WAIT")]
    [InlineData("ESTAB", "ESTABLISHED")]
    [InlineData("SYN-RECV", "SYN-RECEIVED")]
    [InlineData("fin-wait-2", "FIN-WAIT-2")]
    [InlineData("TCP_CLOSE", "CLOSED")]
    [InlineData("TCP_NEW_SYN_RECV", "NEW-SYN-RECV")]
    public void It_reads_socket_table_and_kernel_state_names(string kernel, string rfc) =>
        Assert.Equal(rfc, TcpStateText.Parse(kernel).ToText());

    [Fact]
    public void It_caps_the_arrows_and_says_how_many_are_hidden()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("graceful.pcap"), maxArrows: 4);

        Assert.Equal(4, ladder.Arrows.Count);
        Assert.Equal(7, ladder.Hidden);
        Assert.Contains("7 more segments not drawn", ladder.ToSvg());
        Assert.Equal(new TcpStates(TcpState.TimeWait, TcpState.Closed), ladder.Final);
        Assert.Throws<LabArgumentException>(() => LadderDiagram.Of(Fixtures.Table("graceful.pcap"), maxArrows: 0));
    }

    [Fact]
    public void It_draws_one_connection_or_numbers_several_without_states()
    {
        var table = Fixtures.Table("refused-three.pcap");

        var second = LadderDiagram.Of(table, connection: 2);
        var all = LadderDiagram.Of(table);

        Assert.Equal(2, second.Arrows.Count);
        Assert.Equal(new TcpStates(TcpState.Closed, TcpState.Closed), second.Final);
        Assert.All(all.Arrows, a => Assert.StartsWith("#", a.Label));
        Assert.Null(all.Final);
        Assert.DoesNotContain("rstlab-state", all.ToSvg());
        Assert.Throws<LabArgumentException>(() => TcpStateMachine.Walk(table.Rows));
        Assert.Throws<LabArgumentException>(() => LadderDiagram.Of(table, connection: 0));
    }

    [Fact]
    public void It_writes_text_with_directions_states_and_resets()
    {
        var text = LadderDiagram.Of(Fixtures.Table("abort.pcap")).ToText().Split('\n');

        Assert.Equal(7, text.Length);
        Assert.Contains("client ──▶ server  [S] seq 0   → SYN-SENT | SYN-RECEIVED", text[1]);
        Assert.Contains("client ◀── server  [R.] seq 1, ack 6  <<RST>>   → CLOSED | CLOSED", text[6]);
    }

    [Fact]
    public void It_draws_an_empty_capture_without_arrows()
    {
        var ladder = LadderDiagram.Of(new PacketTable([]));

        Assert.Empty(ladder.Arrows);
        Assert.StartsWith("<svg", ladder.ToSvg());
        Assert.EndsWith("</svg>", ladder.ToSvg());
    }

    /// <summary>Each arrow's line, in drawing order.</summary>
    static List<(string Number, double X1, double Y1, double X2, double Y2)> ArrowLines(string svg) =>
        ArrowLine().Matches(svg).Select(m => (m.Groups[1].Value, D(m.Groups[2]), D(m.Groups[3]), D(m.Groups[4]), D(m.Groups[5]))).ToList();

    static double D(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("<g class=\"rstlab-arrow[^\"]*\" data-number=\"(\\d+)\".*?<line x1=\"([\\d.]+)\" y1=\"([\\d.]+)\" x2=\"([\\d.]+)\" y2=\"([\\d.]+)\"")]
    private static partial Regex ArrowLine();
}
