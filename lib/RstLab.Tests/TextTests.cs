using RstLab.Notebooks;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class TextTests
{
    [Fact]
    public void It_lists_segments_like_tcpdump_with_rst_flagged()
    {
        var lines = TextView.Packets(Fixtures.Table("refused.pcap")).Split(Environment.NewLine);

        Assert.Equal("refused.pcap", lines[0]);
        Assert.StartsWith("  # ", lines[1]);
        Assert.Matches(@"^  1 +0\.000000 c>s \[S\] +0 +65495 +0  client opens", lines[2]);
        Assert.Matches(@"^  2 +0\.000010 s>c \[R\.\] +0 +1 +0 +0  <<RST>> RST from the server's kernel", lines[3]);
        Assert.Equal("", lines[4]);
    }

    [Fact]
    public void It_caps_rows_and_says_how_many_more()
    {
        var text = TextView.Packets(Fixtures.Table("graceful.pcap"), maxRows: 3);

        Assert.Equal(1 + 1 + 3 + 1, text.TrimEnd().Split(Environment.NewLine).Length);
        Assert.EndsWith($"... 8 more rows not shown (11 in all).{Environment.NewLine}", text);
    }

    [Fact]
    public void It_prints_only_the_header_without_packets() =>
        Assert.Equal(2, TextView.Packets(new PacketTable([], "empty")).TrimEnd().Split(Environment.NewLine).Length);
}
