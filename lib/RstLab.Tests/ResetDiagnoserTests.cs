using System.Buffers.Binary;
using RstLab.Capture;
using RstLab.Diagnosis;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class ResetDiagnoserTests
{
    // abort.pcap: handshake, hello, ACK, then the server's socket [R.] seq 1 ack 6 (frame 6), Ethernet + IPv4 on lo.
    const int Ip = 14, Tcp = 34;

    static List<Frame> AbortWith(Action<byte[]> change)
    {
        var frames = PcapFile.Read(Fixtures.Path("abort.pcap")).ToList();
        var rst = frames[^1].Data.ToArray();
        change(rst);
        frames[^1] = frames[^1] with { Data = rst };
        return frames;
    }

    static void AddToSequence(byte[] frame, uint delta) =>
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(Tcp + 4), BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(Tcp + 4)) + delta);

    [Fact]
    public void It_reads_a_socket_abort_from_its_shape_and_numbers()
    {
        var d = Assert.Single(ResetDiagnoser.Diagnose(PcapFile.Read(Fixtures.Path("abort.pcap"))));

        Assert.Equal((ResetShape.Socket, NumbersCheck.AbortRule, ResetAcceptance.Accepted, ResetCause.AbortiveClose), (d.Shape, d.Numbers, d.Acceptance, d.Cause));
        Assert.Equal((ResetPrecedent.PeerData, false, true), (d.Before, d.FromOriginator, d.HandshakeSeen));
        Assert.Equal(("ECONNRESET", 104, 54, 10054), (d.PeerError!.Name, d.PeerError.Linux, d.PeerError.MacOS, d.PeerError.Windows));
        Assert.Equal((ConnState.RSTR, "ShADar"), (d.ConnState, d.History));
    }

    [Fact]
    public void It_sees_an_injected_reset_by_its_foreign_ttl()
    {
        var frames = AbortWith(rst => rst[Ip + 8] = 61);

        var d = Assert.Single(ResetDiagnoser.Diagnose(frames));

        Assert.Equal((ResetShape.Middlebox, ResetCause.FirewallReject), (d.Shape, d.Cause));
        Assert.Contains("TTL 61, while its host's other segments came with 64", d.Signs);
    }

    [Fact]
    public void It_finds_an_in_window_reset_with_the_wrong_seq_draws_a_challenge_ack()
    {
        var frames = AbortWith(rst => AddToSequence(rst, 1000));

        var d = Assert.Single(ResetDiagnoser.Diagnose(frames));

        Assert.Equal((NumbersCheck.Breaks, ResetAcceptance.ChallengeAck, ResetCause.UnacceptableReset), (d.Numbers, d.Acceptance, d.Cause));
        Assert.Null(d.PeerError);
        Assert.Contains("challenge ACK (RFC 5961)", d.Explanation);
    }

    [Fact]
    public void It_finds_an_out_of_window_reset_is_ignored()
    {
        // The receiver's window is 64 << 10 = 65536 bytes: a million beyond rcv.nxt is outside it.
        var frames = AbortWith(rst => AddToSequence(rst, 1_000_000));

        var d = Assert.Single(ResetDiagnoser.Diagnose(frames));

        Assert.Equal((NumbersCheck.Breaks, ResetAcceptance.Ignored), (d.Numbers, d.Acceptance));
    }

    [Fact]
    public void It_checks_a_refusal_against_rfc_9293_and_calls_the_error_econnrefused()
    {
        var d = Assert.Single(ResetDiagnoser.Diagnose(PcapFile.Read(Fixtures.Path("refused.pcap"))));

        Assert.Equal((ResetPrecedent.Syn, ResetShape.Stack, NumbersCheck.NoConnectionRule, ResetAcceptance.Accepted), (d.Before, d.Shape, d.Numbers, d.Acceptance));
        Assert.Equal((ResetCause.NoListener, "ECONNREFUSED", ConnState.REJ, "Sr"), (d.Cause, d.PeerError!.Name, d.ConnState, d.History));
        Assert.Equal("[R.] seq 0, ack 3358194965", d.Expected!.ToString());
        Assert.Equal([ResetCause.FirewallReject], d.Alternatives.Select(a => a.Cause));
    }

    [Fact]
    public void It_refuses_a_syn_whose_reset_acknowledges_the_wrong_number()
    {
        var frames = PcapFile.Read(Fixtures.Path("refused.pcap")).ToList();
        var rst = frames[1].Data.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(rst.AsSpan(Tcp + 8), 12345);
        frames[1] = frames[1] with { Data = rst };

        var d = Assert.Single(ResetDiagnoser.Diagnose(frames));

        Assert.Equal((NumbersCheck.Breaks, ResetAcceptance.Ignored, ResetCause.UnacceptableReset), (d.Numbers, d.Acceptance, d.Cause));
    }

    [Fact]
    public void It_keeps_memory_bounded_by_forgetting_finished_and_old_connections()
    {
        var diagnoser = new ResetDiagnoser(maxConnections: 1000);
        var start = DateTimeOffset.UnixEpoch;
        // 30000 connections 1 ms apart: every third is refused, the others stay open forever.
        for (var i = 0; i < 30_000; i++)
        {
            var client = (UInt128)0x0100007fu;
            var port = (ushort)(1024 + i);
            var time = start.AddMilliseconds(i);
            diagnoser.Add(i + 1, time, new WireHeaders(client, 0x0100007f, false, port, 80, TcpFlags.Syn, 7, 0, 100, 0, 64, 1, true, 40, 1, 7));
            if (i % 3 == 0)
                diagnoser.Add(i + 1, time, new WireHeaders(0x0100007f, client, false, 80, port, TcpFlags.Rst | TcpFlags.Ack, 0, 8, 0, 0, 64, 0, true, 20, null, null));
        }
        diagnoser.Finish();

        Assert.InRange(diagnoser.PeakConnections, 1000, 1000 + 4096);
        Assert.Equal(10_000, diagnoser.Resets);
        Assert.InRange(diagnoser.TrackedConnections, 1, 1000 + 4096);
    }
}
