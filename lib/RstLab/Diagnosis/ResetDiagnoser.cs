using RstLab.Capture;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Diagnosis;

/// <summary>Diagnoses every reset in a capture, streaming: memory grows with the connections open at once, not with the file.</summary>
public sealed class ResetDiagnoser
{
    /// <summary>Silence (seconds) before a segment that counts as a long idle gap.</summary>
    public const double IdleGapSeconds = 30;

    // A reset is held this long (capture time) so that resets from the same listener right after it can count.
    static readonly TimeSpan Hold = TimeSpan.FromSeconds(1);
    static readonly TimeSpan BurstWindow = TimeSpan.FromMilliseconds(5);
    static readonly TimeSpan FinishedLinger = TimeSpan.FromSeconds(5);
    static readonly TimeSpan IdleEviction = TimeSpan.FromHours(2);
    const int SweepEvery = 4096;

    readonly Dictionary<ConnectionKey, TrackedConnection> _connections = [];
    readonly HostTtls _ttls = new();
    readonly List<PendingReset> _pending = [];
    readonly Queue<ResetDiagnosis> _ready = new();
    readonly int _maxConnections;
    long _added;

    /// <summary>A diagnoser that tracks at most <paramref name="maxConnections"/> connections at once (the least recently active are forgotten beyond).</summary>
    public ResetDiagnoser(int maxConnections = 200_000) =>
        _maxConnections = (int)Guard.InRange(maxConnections, 16, 100_000_000, "Track at least 16 connections at once.");

    /// <summary>Connections tracked right now (finished and idle ones are evicted as the capture goes on).</summary>
    public int TrackedConnections => _connections.Count;

    /// <summary>The most connections tracked at once so far.</summary>
    public int PeakConnections { get; private set; }

    /// <summary>TCP segments read so far.</summary>
    public long Segments => _added;

    /// <summary>Resets seen so far.</summary>
    public long Resets { get; private set; }

    /// <summary>Diagnoses every reset in the capture file at <paramref name="path"/> (pcap or pcapng), as the file is read.</summary>
    public static IEnumerable<ResetDiagnosis> Diagnose(string path) => new ResetDiagnoser().Stream(path);

    /// <summary>Diagnoses every reset among <paramref name="frames"/> (a live capture or a recording).</summary>
    public static IReadOnlyList<ResetDiagnosis> Diagnose(IEnumerable<Frame> frames)
    {
        Guard.NotNull(frames);
        var diagnoser = new ResetDiagnoser();
        var number = 0L;
        foreach (var frame in frames)
        {
            number++;
            if (SegmentDecoder.TryDecode(frame.LinkType, frame.Data, out var headers))
                diagnoser.Add(number, frame.Time, headers);
        }
        diagnoser.Finish();
        return [.. diagnoser._ready];
    }

    /// <summary>Reads <paramref name="path"/> and yields each reset's diagnosis about a second (capture time) after the reset.</summary>
    public IEnumerable<ResetDiagnosis> Stream(string path)
    {
        Guard.ExistingFile(path, "capture file (.pcap or .pcapng)");
        return Rows(path);
    }

    IEnumerable<ResetDiagnosis> Rows(string path)
    {
        using var reader = CaptureReader.Open(path);
        while (Step(reader))
            while (_ready.TryDequeue(out var row))
                yield return row;
        Finish();
        while (_ready.TryDequeue(out var row))
            yield return row;
    }

    bool Step(CaptureReader reader)
    {
        if (!reader.Read(out var frame))
            return false;
        if (SegmentDecoder.TryDecode(frame.Link, frame.Data, out var headers))
            Add(frame.Number, frame.Time, headers);
        return true;
    }

    internal void Add(long frame, DateTimeOffset time, in WireHeaders h)
    {
        var key = ConnectionKey.Of(h);
        var bareSyn = h.Flags.HasFlag(TcpFlags.Syn) && !h.Flags.HasFlag(TcpFlags.Ack);
        // A new SYN on a finished four-tuple is a new connection (ports are reused).
        if (!_connections.TryGetValue(key, out var connection) || (bareSyn && connection.IsFinished))
        {
            connection = new TrackedConnection(h, time);
            _connections[key] = connection;
            PeakConnections = Math.Max(PeakConnections, _connections.Count);
        }
        var fromOriginator = connection.Originator.Owns(h);
        if (h.Flags.HasFlag(TcpFlags.Rst))
        {
            Resets++;
            Pend(frame, time, h, connection, fromOriginator);
        }
        else
            _ttls.Record(h.Source, h.IsIpv6, h.Ttl);
        connection.Record(h, time, fromOriginator);
        Release(time - Hold);
        if (++_added % SweepEvery == 0)
            Sweep(time);
    }

    internal void Finish() => Release(DateTimeOffset.MaxValue);

    void Pend(long frame, DateTimeOffset time, in WireHeaders h, TrackedConnection c, bool fromOriginator)
    {
        var sender = fromOriginator ? c.Originator : c.Responder;
        var receiver = fromOriginator ? c.Responder : c.Originator;
        var reset = h.ToSegment(time);
        var answers = receiver.HasSent ? receiver.Last.ToSegment(receiver.LastTime) : null;
        var idle = answers is not null && receiver.LastTime == c.LastTime ? c.GapBeforeLatest : (time - c.LastTime).TotalSeconds;

        var ttls = _ttls.Of(h.Source, h.IsIpv6);
        var foreign = ttls.Count > 0 && !ttls.Contains(h.Ttl);
        var stateless = !h.HasOptions && h.Window == 0;
        var shape = foreign ? ResetShape.Middlebox : stateless ? ResetShape.Stack : ResetShape.Socket;
        var signs = $"{(h.Flags.HasFlag(TcpFlags.Ack) ? "ACK" : "no ACK")}, window {h.Window}, "
            + (h.HasOptions ? $"{h.TcpHeaderLength - 20} bytes of options{(h.TimestampValue is null ? "" : " (timestamp)")}, " : "no options, ")
            + (h.IsIpv6 ? "" : $"IP ID {h.IpId}, ")
            + $"{(h.IsIpv6 ? "hop limit" : "TTL")} {h.Ttl}"
            + (ttls.Count == 0 ? " (no other segment from its host to compare)" : foreign ? $", while its host's other segments came with {string.Join(" or ", ttls)}" : ", as its host's other segments");

        var expected = answers is null ? null : ResetRule.For(answers);
        var numbers = expected?.IsMetBy(reset) == true ? NumbersCheck.NoConnectionRule
            : sender.NextSequence is uint next && h.Sequence == next ? NumbersCheck.AbortRule
            : answers is null && sender.NextSequence is null ? NumbersCheck.Unchecked
            : NumbersCheck.Breaks;

        var senderOnlySynAck = sender.SentSynAck && !sender.SentAfterHandshake;
        var before = answers is null ? ResetPrecedent.Nothing
            : sender.UnansweredProbes > 0 && shape == ResetShape.Socket ? ResetPrecedent.UnansweredProbes
            : answers.Flags.HasFlag(TcpFlags.Syn) && !answers.Flags.HasFlag(TcpFlags.Ack) ? ResetPrecedent.Syn
            : receiver.LastWasProbe ? ResetPrecedent.KeepaliveProbe
            : idle >= IdleGapSeconds ? ResetPrecedent.IdleGap
            : sender.SentFin && answers.PayloadLength > 0 ? ResetPrecedent.DataAfterClose
            : answers.Flags.HasFlag(TcpFlags.Fin) ? ResetPrecedent.PeerFin
            : answers.PayloadLength > 0 ? ResetPrecedent.PeerData
            : senderOnlySynAck ? ResetPrecedent.HandshakeAck
            : ResetPrecedent.PeerAck;

        var pending = new PendingReset
        {
            Frame = frame, Time = time, Reset = h, Connection = c, FromOriginator = fromOriginator, Answers = answers,
            Before = before, IdleSeconds = idle, Shape = shape, Signs = signs, Numbers = numbers, Expected = expected,
            Acceptance = Acceptance(h, sender, receiver), SenderHadClosed = sender.SentFin, SenderSentData = sender.DataBytes > 0,
            SenderSentOnlySynAck = senderOnlySynAck, DataBothWaysBeforeClose = sender.DataBothWaysAtFin, SenderProbes = sender.UnansweredProbes,
        };
        // A closing listener resets every connection left in its queue at once: socket resets from one server port within milliseconds.
        if (shape == ResetShape.Socket && !fromOriginator && !pending.SenderSentData)
            foreach (var other in _pending)
                if (other is { Shape: ResetShape.Socket, FromOriginator: false, SenderSentData: false } && other.Reset.Source == h.Source
                    && other.Reset.SourcePort == h.SourcePort && time - other.Time <= BurstWindow)
                    other.InBurst = pending.InBurst = true;
        _pending.Add(pending);
    }

    static ResetAcceptance Acceptance(in WireHeaders rst, SideState sender, SideState receiver)
    {
        // SYN-SENT (RFC 9293 §3.10.7.3): the reset counts only if it acknowledges the SYN.
        if (receiver.SentSyn && !receiver.SentAfterHandshake && !sender.SentSynAck)
            return rst.Flags.HasFlag(TcpFlags.Ack) && rst.Acknowledgment == unchecked(receiver.Isn + 1) ? ResetAcceptance.Accepted : ResetAcceptance.Ignored;
        if (receiver.LastAck is not uint rcvNext)
            return ResetAcceptance.Unknown;
        // What the receiver acknowledged last, or what the sender had sent by then (the capture may sit before the receiver's ACK).
        if (rst.Sequence == rcvNext || sender.NextSequence == rst.Sequence)
            return ResetAcceptance.Accepted;
        var scale = receiver.WindowScale is byte s && sender.WindowScale is not null ? s : 0;
        var window = Math.Max(1L, (long)receiver.LastWindow << scale);
        var offset = unchecked(rst.Sequence - rcvNext);
        return offset > 0 && offset < window ? ResetAcceptance.ChallengeAck : ResetAcceptance.Ignored;
    }

    void Release(DateTimeOffset upTo)
    {
        var count = 0;
        while (count < _pending.Count && _pending[count].Time <= upTo)
            _ready.Enqueue(Conclude(_pending[count++]));
        if (count > 0)
            _pending.RemoveRange(0, count);
    }

    static ResetDiagnosis Conclude(PendingReset p)
    {
        var candidates = ResetCauses.Rank(p);
        var top = candidates[0];
        var c = p.Connection;
        var error = p.Acceptance is ResetAcceptance.Ignored or ResetAcceptance.ChallengeAck ? null
            : p.Before == ResetPrecedent.Syn ? Errno.ECONNREFUSED
            : p.SenderHadClosed ? Errno.EPIPE
            : Errno.ECONNRESET;
        var originator = new System.Net.IPEndPoint(WireHeaders.Address(c.Originator.Address, c.IsIpv6), c.Originator.Port);
        var responder = new System.Net.IPEndPoint(WireHeaders.Address(c.Responder.Address, c.IsIpv6), c.Responder.Port);
        var info = CauseInfo.Of(top.Cause);
        var reset = p.Reset.ToSegment(p.Time);
        return new ResetDiagnosis(p.Frame, reset, originator, responder, c.HandshakeSeen, p.FromOriginator, p.Answers, p.Before, p.IdleSeconds,
            p.Shape, p.Signs, p.Numbers, p.Expected, p.Acceptance, top.Cause, top.Confidence, candidates.Skip(1).ToList(),
            error, c.State, c.History,
            ResetCauses.Explain(p, info, error), info.Confirm);
    }

    void Sweep(DateTimeOffset now)
    {
        List<ConnectionKey>? gone = null;
        foreach (var (key, c) in _connections)
            if ((c.IsFinished && now - c.LastTime > FinishedLinger) || now - c.LastTime > IdleEviction)
                (gone ??= []).Add(key);
        gone?.ForEach(k => _connections.Remove(k));
        if (_connections.Count <= _maxConnections)
            return;
        // Over the bound: keep the most recently active half of the bound (a reset on a forgotten one is diagnosed as mid-stream).
        var cutoff = _connections.Values.Select(c => c.LastTime).Order().ElementAt(_connections.Count - _maxConnections / 2);
        foreach (var key in _connections.Where(kv => kv.Value.LastTime <= cutoff).Select(kv => kv.Key).ToList())
            _connections.Remove(key);
    }
}
