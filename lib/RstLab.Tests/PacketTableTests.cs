using RstLab.Packets;

namespace RstLab.Tests;

public sealed class PacketTableTests
{
    [Fact]
    public void It_takes_the_sender_of_the_bare_syn_as_client()
    {
        var rows = Fixtures.Table("refused.pcap").Rows;

        Assert.Equal([true, false], rows.Select(r => r.FromClient));
        Assert.Equal(["client → server", "server → client"], rows.Select(r => r.Direction));
    }

    [Fact]
    public void It_takes_the_peer_of_the_server_port_as_client_when_the_syn_was_missed()
    {
        var midway = Fixtures.Segments("graceful.pcap").Skip(5).ToList();

        var table = new PacketTable(midway, serverPort: 47212);

        Assert.False(table.Rows[0].FromClient);
        Assert.Equal(49988, table.Rows.First(r => r.FromClient).Segment.Source.Port);
    }

    [Fact]
    public void It_takes_the_first_sender_as_client_without_syn_or_server_port()
    {
        var midway = Fixtures.Segments("graceful.pcap").Skip(5).ToList();

        var table = new PacketTable(midway);

        Assert.True(table.Rows[0].FromClient);
        Assert.Equal(47212, table.Rows[0].Segment.Source.Port);
    }

    [Fact]
    public void It_numbers_a_refusal_like_rfc_9293_section_3_10_7_1()
    {
        var rows = Fixtures.Table("refused.pcap").Rows;
        var (syn, rst) = (rows[0], rows[1]);

        Assert.Equal((0L, (long?)null), (syn.Seq, syn.Ack));
        Assert.Equal((0L, (long?)1), (rst.Seq, rst.Ack));
        Assert.Equal(0u, rst.Segment.Sequence);
        Assert.Equal(syn.Segment.Sequence + 1, rst.Segment.Acknowledgment);
    }

    [Fact]
    public void It_explains_the_refusal_rst_rule()
    {
        var rows = Fixtures.Table("refused.pcap").Rows;

        Assert.Contains("opens", rows[0].Note);
        Assert.Contains("3358194964", rows[0].Note);
        Assert.Contains("no socket listens on this port", rows[1].Note);
        Assert.Contains("RFC 9293", rows[1].Note);
        Assert.Contains("seq = 0", rows[1].Note);
        Assert.Contains("3358194964 + 1 = 3358194965", rows[1].Note);
    }

    [Fact]
    public void It_counts_seq_and_ack_from_each_sides_isn()
    {
        var rows = Fixtures.Table("graceful.pcap").Rows;

        Assert.Equal([0L, 0, 1, 1, 1, 1, 6, 6, 6, 6, 7], rows.Select(r => r.Seq));
        Assert.Equal([null, 1L, 1, 1, 6, 6, 6, 6, 7, 7, 7], rows.Select(r => r.Ack));
        Assert.Equal([0, 0, 0, 5, 0, 5, 0, 0, 0, 0, 0], rows.Select(r => r.Length));
    }

    [Fact]
    public void It_explains_a_graceful_connection()
    {
        var notes = Fixtures.Table("graceful.pcap").Rows.Select(r => r.Note).ToList();

        Assert.Contains("accepts", notes[1]);
        Assert.Equal("handshake complete: the connection is established", notes[2]);
        Assert.Equal("5 bytes of data from the client", notes[3]);
        Assert.Equal("5 bytes of data from the server", notes[5]);
        Assert.Equal("client closes gracefully: no more data from it", notes[7]);
        Assert.Equal("server acknowledges the FIN", notes[8]);
        Assert.Equal("client acknowledges the FIN", notes[10]);
    }

    [Fact]
    public void It_explains_an_abort_by_its_sequence_numbers()
    {
        var table = Fixtures.Table("abort.pcap");
        var rst = Assert.Single(table.Rsts);

        Assert.False(rst.FromClient);
        Assert.Equal((1L, (long?)6), (rst.Seq, rst.Ack));
        Assert.Contains("RST from the server: it aborts the connection", rst.Note);
        Assert.Contains("snd.nxt 1836828481", rst.Note);
        Assert.Contains("ack = all it received", rst.Note);
    }

    [Fact]
    public void It_numbers_connections_in_order_of_appearance()
    {
        var table = Fixtures.Table("refused-three.pcap");

        Assert.Equal(3, table.ConnectionCount);
        Assert.Equal([1, 1, 2, 2, 3, 3], table.Rows.Select(r => r.Connection));
        Assert.Equal([59268, 59268], table.Connection(2).Select(r => r.FromClient ? r.Segment.Source.Port : r.Segment.Destination.Port));
        Assert.Equal([2, 4, 6], table.Rsts.Select(r => r.Number));
        Assert.All(table.Rsts, r => Assert.Equal((0L, (long?)1), (r.Seq, r.Ack)));
    }

    [Fact]
    public void It_times_rows_from_the_first_segment()
    {
        var rows = Fixtures.Table("refused-three.pcap").Rows;

        Assert.Equal(0, rows[0].Time);
        Assert.Equal(0.000011, rows[1].Time, 9);
        Assert.Equal(0.000168, rows[2].Delta, 9);
        Assert.Equal(0.000234, rows[5].Time, 9);
    }

    [Fact]
    public void It_keeps_the_origin_and_segments()
    {
        var segments = Fixtures.Segments("refused.pcap");

        var table = new PacketTable(segments, "recorded on lo");

        Assert.Equal("recorded on lo", table.Origin);
        Assert.Same(segments, table.Segments);
    }

    [Fact]
    public void It_has_no_connections_without_segments() =>
        Assert.Equal(0, new PacketTable([]).ConnectionCount);
}
