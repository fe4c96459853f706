using RstLab.Kernel;
using RstLab.Packets;

namespace RstLab.Diagrams;

/// <summary>Each side's TCP state through one connection, inferred from its segments with the RFC 9293 state machine (§3.3.2).</summary>
public static class TcpStateMachine
{
    /// <summary>The states before the first row (index 0) and after each row (index i + 1); a side is null where the capture cannot tell.</summary>
    public static IReadOnlyList<TcpStates> Walk(IReadOnlyList<PacketRow> rows)
    {
        Guard.NotNull(rows);
        if (rows.Select(r => r.Connection).Distinct().Count() > 1)
            throw new LabArgumentException("Infer states one connection at a time: pass PacketTable.Connection(n).", nameof(rows));
        var client = new Side(InitialClient(rows), passive: false);
        var server = new Side(InitialServer(rows), passive: true);
        var states = new List<TcpStates>(rows.Count + 1) { new(client.State, server.State) };
        foreach (var row in rows)
        {
            var (sender, receiver) = row.FromClient ? (client, server) : (server, client);
            sender.Send(row.Segment);
            receiver.Receive(row.Segment);
            states.Add(new TcpStates(client.State, server.State));
        }
        return states;
    }

    static TcpState? InitialClient(IReadOnlyList<PacketRow> rows) => rows.FirstOrDefault() switch
    {
        null => null,
        { FromClient: true } r when IsBareSyn(r.Segment) => TcpState.Closed,
        { FromClient: false } r when r.Segment.Flags.HasFlag(TcpFlags.Syn) => TcpState.SynSent,
        // Mid-connection: a segment with ACK and without SYN only flows on a synchronised connection.
        var r when r.Segment.Flags.HasFlag(TcpFlags.Ack) && !r.Segment.Flags.HasFlag(TcpFlags.Syn) => TcpState.Established,
        _ => null,
    };

    static TcpState? InitialServer(IReadOnlyList<PacketRow> rows)
    {
        var first = rows.FirstOrDefault();
        if (first is null)
            return null;
        if (first.FromClient && IsBareSyn(first.Segment))
        {
            // The server's first answer tells whether anyone listened: SYN,ACK from a listener, RST from a closed port.
            var answer = rows.FirstOrDefault(r => !r.FromClient);
            return answer?.Segment switch
            {
                { } s when s.Flags.HasFlag(TcpFlags.Syn) => TcpState.Listen,
                { IsRst: true } => TcpState.Closed,
                _ => null,
            };
        }
        return first.Segment.Flags.HasFlag(TcpFlags.Ack) && !first.Segment.Flags.HasFlag(TcpFlags.Syn) ? TcpState.Established : null;
    }

    static bool IsBareSyn(TcpSegment s) => s.Flags.HasFlag(TcpFlags.Syn) && !s.Flags.HasFlag(TcpFlags.Ack);

    /// <summary>One end of the connection, walking RFC 9293's state diagram.</summary>
    sealed class Side(TcpState? state, bool passive)
    {
        uint? _finEnd;

        public TcpState? State { get; private set; } = state;

        public void Send(TcpSegment s)
        {
            if (s.IsRst)
            {
                // Sending a reset ends this side's connection (a closed port stays closed).
                State = TcpState.Closed;
                return;
            }
            if (IsBareSyn(s) && State is null or TcpState.Closed)
                State = TcpState.SynSent;
            else if (s.Flags.HasFlag(TcpFlags.Syn) && State is null or TcpState.Listen)
                State = TcpState.SynReceived;
            if (s.Flags.HasFlag(TcpFlags.Fin))
            {
                _finEnd = unchecked(s.Sequence + s.SequenceLength);
                State = State switch
                {
                    TcpState.Established or TcpState.SynReceived => TcpState.FinWait1,
                    TcpState.CloseWait => TcpState.LastAck,
                    var other => other,
                };
            }
        }

        public void Receive(TcpSegment s)
        {
            if (s.IsRst)
            {
                // RFC 9293 §3.10.7: LISTEN ignores a reset; a passive SYN-RECEIVED goes back to LISTEN; any other state closes.
                State = State switch
                {
                    TcpState.Listen => TcpState.Listen,
                    TcpState.SynReceived when passive => TcpState.Listen,
                    _ => TcpState.Closed,
                };
                return;
            }
            if (IsBareSyn(s))
            {
                State = State switch
                {
                    TcpState.Listen => TcpState.SynReceived,
                    TcpState.SynSent => TcpState.SynReceived,   // simultaneous open
                    var other => other,
                };
                return;
            }
            if (s.Flags.HasFlag(TcpFlags.Syn) && State == TcpState.SynSent)
                State = TcpState.Established;
            else if (s.Flags.HasFlag(TcpFlags.Ack))
                State = State switch
                {
                    TcpState.SynReceived => TcpState.Established,
                    TcpState.FinWait1 when AcksFin(s) => TcpState.FinWait2,
                    TcpState.Closing when AcksFin(s) => TcpState.TimeWait,
                    TcpState.LastAck when AcksFin(s) => TcpState.Closed,
                    var other => other,
                };
            if (s.Flags.HasFlag(TcpFlags.Fin))
                State = State switch
                {
                    TcpState.Established => TcpState.CloseWait,
                    TcpState.FinWait1 => TcpState.Closing,
                    TcpState.FinWait2 => TcpState.TimeWait,
                    var other => other,
                };
        }

        // Sequence numbers wrap: compare as a signed distance, as the kernel's after() does.
        bool AcksFin(TcpSegment s) => _finEnd is uint end && s.Flags.HasFlag(TcpFlags.Ack) && unchecked((int)(s.Acknowledgment - end)) >= 0;
    }
}
