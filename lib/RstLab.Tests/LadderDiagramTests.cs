using RstLab.Diagrams;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class LadderDiagramTests
{
    [Fact]
    public void It_draws_one_arrow_per_segment_in_capture_order()
    {
        var table = Fixtures.Table("graceful.pcap");

        var ladder = LadderDiagram.Of(table);

        Assert.Equal(table.Rows.Select(r => r.Number), ladder.Arrows.Select(a => a.Number));
        Assert.Equal(table.Rows.Select(r => r.FromClient), ladder.Arrows.Select(a => a.FromClient));
        Assert.Equal(11, ladder.ToSvg().Split("class=\"rstlab-arrow").Length - 1);
    }

    [Fact]
    public void It_labels_arrows_with_flags_relative_numbers_and_length()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("refused.pcap"));

        Assert.Equal(["[S] seq 0", "[R.] seq 0, ack 1"], ladder.Arrows.Select(a => a.Label));
        var data = LadderDiagram.Of(Fixtures.Table("graceful.pcap")).Arrows.First(a => a.Label.StartsWith("[P.]"));
        Assert.Equal("[P.] seq 1:6, ack 1, len 5", data.Label);
    }

    [Fact]
    public void It_draws_rst_arrows_in_red()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("abort.pcap"));
        var svg = ladder.ToSvg();

        var rst = Assert.Single(ladder.Arrows, a => a.IsRst);
        Assert.Contains($"class=\"rstlab-arrow rst\" data-number=\"{rst.Number}\"", svg);
        Assert.Contains("stroke=\"#c00\"", svg);
        Assert.Equal(1, svg.Split("rstlab-arrow rst").Length - 1);
    }

    [Fact]
    public void It_names_both_ends_and_points_arrows_the_right_way()
    {
        var table = Fixtures.Table("refused.pcap");
        var ladder = LadderDiagram.Of(table);
        var svg = ladder.ToSvg();

        Assert.Equal($"client {table.Rows[0].Segment.Source}", ladder.Client);
        Assert.Equal($"server {table.Rows[0].Segment.Destination}", ladder.Server);
        Assert.Contains("<line x1=\"150\" y1=\"56\" x2=\"570\"", svg);
        Assert.Contains("<line x1=\"570\" y1=\"96\" x2=\"150\"", svg);
    }

    [Fact]
    public void It_caps_the_arrows_and_says_how_many_are_hidden()
    {
        var ladder = LadderDiagram.Of(Fixtures.Table("graceful.pcap"), maxArrows: 4);

        Assert.Equal(4, ladder.Arrows.Count);
        Assert.Equal(7, ladder.Hidden);
        Assert.Contains("7 more segments not drawn", ladder.ToSvg());
        Assert.Throws<ArgumentOutOfRangeException>(() => LadderDiagram.Of(Fixtures.Table("graceful.pcap"), maxArrows: 0));
    }

    [Fact]
    public void It_draws_one_connection_or_numbers_several()
    {
        var table = Fixtures.Table("refused-three.pcap");

        Assert.Equal(2, LadderDiagram.Of(table, connection: 2).Arrows.Count);
        Assert.All(LadderDiagram.Of(table).Arrows, a => Assert.StartsWith("#", a.Label));
    }

    [Fact]
    public void It_draws_an_empty_capture_without_arrows()
    {
        var ladder = LadderDiagram.Of(new PacketTable([]));

        Assert.Empty(ladder.Arrows);
        Assert.StartsWith("<svg", ladder.ToSvg());
    }
}
