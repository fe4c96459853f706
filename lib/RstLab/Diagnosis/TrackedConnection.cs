using System.Text.RegularExpressions;
using RstLab.Packets;

namespace RstLab.Diagnosis;

/// <summary>What the diagnosis keeps of one connection while streaming: the two ends' state, Zeek's history, times. Constant size.</summary>
internal sealed partial class TrackedConnection
{
    public TrackedConnection(in WireHeaders first, DateTimeOffset time)
    {
        var synAck = first.Flags.HasFlag(TcpFlags.Syn) && first.Flags.HasFlag(TcpFlags.Ack);
        // A SYN-ACK first means the capture missed the SYN: its receiver opened the connection (Zeek's '^').
        Flipped = synAck;
        Originator = synAck ? Side(first.Destination, first.DestinationPort) : Side(first.Source, first.SourcePort);
        Responder = synAck ? Side(first.Source, first.SourcePort) : Side(first.Destination, first.DestinationPort);
        HandshakeSeen = first.Flags.HasFlag(TcpFlags.Syn) && !synAck;
        IsIpv6 = first.IsIpv6;
        LastTime = time;
    }

    public SideState Originator { get; }
    public SideState Responder { get; }
    public bool HandshakeSeen { get; }
    public bool Flipped { get; }
    public bool IsIpv6 { get; }
    public DateTimeOffset LastTime { get; private set; }

    /// <summary>Seconds of silence before the latest segment.</summary>
    public double GapBeforeLatest { get; private set; }

    /// <summary>True once a reset was sent or both ends sent FIN: a new SYN on the four-tuple starts a new connection.</summary>
    public bool IsFinished => Originator.SentRst || Responder.SentRst || (Originator.SentFin && Responder.SentFin);

    public void Record(in WireHeaders h, DateTimeOffset time, bool fromOriginator)
    {
        var side = fromOriginator ? Originator : Responder;
        var peer = fromOriginator ? Responder : Originator;
        var f = h.Flags;
        GapBeforeLatest = (time - LastTime).TotalSeconds;
        LastTime = time;
        var syn = f.HasFlag(TcpFlags.Syn);
        var rst = f.HasFlag(TcpFlags.Rst);
        var fin = f.HasFlag(TcpFlags.Fin);
        var ack = f.HasFlag(TcpFlags.Ack);
        var end = unchecked(h.Sequence + (uint)h.PayloadLength + (syn ? 1u : 0) + (fin ? 1u : 0));
        if (syn && (fin || rst))
            Letter(side, 'q');
        else if (syn)
            Letter(side, ack ? 'h' : 's');
        if (rst)
            Letter(side, 'r');
        if (fin)
            Letter(side, 'f');
        if (h.PayloadLength > 0)
        {
            var retransmitted = side.NextSequence is uint next && unchecked((int)(end - next)) <= 0;
            Letter(side, retransmitted ? 't' : 'd');
        }
        else if (ack && !syn && !fin && !rst)
            Letter(side, 'a');
        if (h.Window == 0 && !rst)
            Letter(side, 'w');
        if (rst)
        {
            // A reset is never what a later reset "answers": the side's last segment stays its last ordinary one.
            side.SentRst = true;
            return;
        }
        // A keepalive probe re-sends the byte below what the peer acknowledged, with no data, so the peer must answer.
        var probe = f == TcpFlags.Ack && h.PayloadLength <= 1 && side.NextSequence is uint own && h.Sequence == unchecked(own - 1);
        side.UnansweredProbes = probe ? side.UnansweredProbes + 1 : 0;
        side.LastWasProbe = probe;
        peer.UnansweredProbes = 0;
        if (syn)
        {
            side.Isn = h.Sequence;
            side.WindowScale = h.WindowScale;
            if (ack) side.SentSynAck = true; else side.SentSyn = true;
        }
        else
            side.SentAfterHandshake = true;
        if (fin && !side.SentFin)
        {
            side.SentFin = true;
            side.DataBothWaysAtFin = side.DataBytes > 0 && peer.DataBytes > 0;
        }
        side.DataBytes += h.PayloadLength;
        if (side.NextSequence is not uint known || unchecked((int)(end - known)) > 0)
            side.NextSequence = end;
        if (ack)
            side.LastAck = h.Acknowledgment;
        side.LastWindow = h.Window;
        side.Last = h;
        side.LastTime = time;
        side.HasSent = true;
    }

    /// <summary>Zeek's history letters: each letter once per direction, upper case for the originator.</summary>
    public string History => _history;

    /// <summary>Zeek's conn_state, from each end's state (the rules of Zeek's <c>base/protocols/conn/main.zeek</c>).</summary>
    public ConnState State
    {
        get
        {
            var os = End(Originator);
            var rs = End(Responder);
            var oInactive = os is EndState.Inactive or EndState.Partial;
            var rInactive = rs is EndState.Inactive or EndState.Partial;
            if (rs == EndState.Reset)
            {
                if (os is EndState.SynSent or EndState.SynAckSent || (os == EndState.Reset && Originator.DataBytes == 0 && Responder.DataBytes == 0))
                    return ConnState.REJ;
                return oInactive ? ConnState.RSTRH : ConnState.RSTR;
            }
            if (os == EndState.Reset)
                return !rInactive ? ConnState.RSTO : OpenedThenReset().IsMatch(_history) ? ConnState.RSTOS0 : ConnState.OTH;
            if (os == EndState.Closed && rs == EndState.Closed)
                return ConnState.SF;
            if (os == EndState.Closed)
                return rInactive ? ConnState.SH : ConnState.S2;
            if (rs == EndState.Closed)
                return oInactive ? ConnState.SHR : ConnState.S3;
            if (os == EndState.SynSent && rs == EndState.Inactive)
                return ConnState.S0;
            if (os == EndState.Established && rs is EndState.Established or EndState.SynAckSent)
                return ConnState.S1;
            return ConnState.OTH;
        }
    }

    string _history = "";

    void Letter(SideState side, char letter)
    {
        if (_history.Length == 0 && Flipped)
            _history = "^";
        if (side.Letters.Contains(letter))
            return;
        side.Letters += letter;
        _history += side == Originator ? char.ToUpperInvariant(letter) : letter;
    }

    static EndState End(SideState s) =>
        s.SentRst ? EndState.Reset
        : s.SentFin ? EndState.Closed
        : !s.HasSent ? EndState.Inactive
        : !s.SentSyn && !s.SentSynAck ? EndState.Partial
        : !s.SentAfterHandshake ? (s.SentSyn ? EndState.SynSent : EndState.SynAckSent)
        : EndState.Established;

    static SideState Side(UInt128 address, ushort port) => new() { Address = address, Port = port };

    [GeneratedRegex(@"^\^?S[^HAFGIQ]*R")]
    private static partial Regex OpenedThenReset();

    // Zeek's endpoint states (TCP_INACTIVE, TCP_PARTIAL, TCP_RESET, ...), which conn_state is defined by; not TcpState: RFC 9293 has no "partial" or "reset".
    enum EndState { Inactive, Partial, SynSent, SynAckSent, Established, Closed, Reset }
}
