using RstLab.Packets;
using RstLab.Scenarios;

namespace RstLab.Tests;

/// <summary>The recorded captures of 04-rebooted-peer as a learner reads them: notes, the reset rule, forged answers.</summary>
public sealed class RebootedPeerCaptureTests
{
    [Fact]
    public void It_shows_the_rebooted_host_answering_data_with_a_bare_reset_at_SEG_ACK()
    {
        var table = Fixtures.Table("reboot.pcap", serverPort: 8000);

        Assert.Equal("S S. . P. . P. . P. R", string.Join(" ", table.Rows.Select(r => r.Flags.ToText())));
        var rst = Assert.Single(table.Rsts);
        Assert.Equal(3498709128u, rst.Segment.Sequence);
        Assert.Contains("seq = SEG.ACK = 3498709128", rst.Note);
        Assert.True(ResetRule.For(table.Rows[7].Segment)!.IsMetBy(rst.Segment));
        Assert.Equal(1, table.ConnectionCount);
    }

    [Fact]
    public void It_notes_a_keepalive_probe_one_below_the_acknowledged_sequence()
    {
        var table = Fixtures.Table("keepalive-reboot.pcap", serverPort: 8000);
        var probe = table.Rows[7];

        Assert.Equal(TcpFlags.Ack, probe.Flags);
        Assert.Equal(0, probe.Length);
        Assert.Equal(5, probe.Seq);
        Assert.StartsWith("probe from the client", probe.Note);
        Assert.DoesNotContain(table.Rows.Take(7), r => r.Note.Contains("probe"));
        Assert.Contains("seq = SEG.ACK", table.Rows[8].Note);
    }

    [Fact]
    public void It_pairs_each_forged_segment_with_the_reset_the_rule_demands()
    {
        var answers = ForgedSegments.AnswersIn(Fixtures.Table("forged.pcap", serverPort: 36711));

        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.True(a.FollowsRule));
        Assert.Equal([(TcpFlags.Psh, TcpFlags.RstAck), (TcpFlags.PshAck, TcpFlags.Rst)], answers.Select(a => (a.Segment.Flags, a.Reset!.Flags)));
        Assert.Equal(2341847830u, answers[0].Reset!.Segment.Acknowledgment);
        Assert.Equal(4009797479u, answers[1].Reset!.Segment.Sequence);
    }

    [Fact]
    public void It_says_a_segment_without_ACK_not_a_SYN_carried_no_ACK()
    {
        var rst = Fixtures.Table("forged.pcap", serverPort: 36711).Rows[1];

        Assert.Contains("no connection owns this segment. It carried no ACK", rst.Note);
        Assert.Contains("2341847825 + 5 = 2341847830", rst.Note);
    }

    [Fact]
    public void It_reports_a_missing_reset_as_not_following_the_rule()
    {
        var table = Fixtures.Table("forged.pcap", serverPort: 36711);
        var withoutResets = new PacketTable(table.Segments.Where(s => !s.IsRst).ToList(), "", 42425);

        var answers = ForgedSegments.AnswersIn(withoutResets);

        Assert.All(answers, a => Assert.False(a.FollowsRule));
        Assert.All(answers, a => Assert.Null(a.Reset));
    }
}
