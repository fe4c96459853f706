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

    /// <summary>A state name as ladder diagrams print it, from RFC 9293 or ss / <c>/proc/net/tcp</c> spelling (<c>ESTAB</c>, <c>TIME_WAIT</c>, <c>SYN-RECV</c>).</summary>
    public static string Normalize(string state)
    {
        Guard.NotBlank(state);
        var s = state.Trim().ToUpperInvariant().Replace('_', '-');
        return s switch
        {
            "ESTAB" => "ESTABLISHED",
            "SYN-RECV" or "NEW-SYN-RECV" => "SYN-RECEIVED",
            "UNCONN" or "CLOSE" => "CLOSED",
            _ => s,
        };
    }

    static string? InitialClient(IReadOnlyList<PacketRow> rows) => rows.FirstOrDefault() switch
    {
        null => null,
        { FromClient: true } r when IsBareSyn(r.Segment) => "CLOSED",
        { FromClient: false } r when r.Segment.Flags.HasFlag(TcpFlags.Syn) => "SYN-SENT",
        // Mid-connection: a segment with ACK and without SYN only flows on a synchronised connection.
        var r when r.Segment.Flags.HasFlag(TcpFlags.Ack) && !r.Segment.Flags.HasFlag(TcpFlags.Syn) => "ESTABLISHED",
        _ => null,
    };

    static string? InitialServer(IReadOnlyList<PacketRow> rows)
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
                { } s when s.Flags.HasFlag(TcpFlags.Syn) => "LISTEN",
                { IsRst: true } => "CLOSED",
                _ => null,
            };
        }
        return first.Segment.Flags.HasFlag(TcpFlags.Ack) && !first.Segment.Flags.HasFlag(TcpFlags.Syn) ? "ESTABLISHED" : null;
    }

    static bool IsBareSyn(TcpSegment s) => s.Flags.HasFlag(TcpFlags.Syn) && !s.Flags.HasFlag(TcpFlags.Ack);

    /// <summary>One end of the connection, walking RFC 9293's state diagram.</summary>
    sealed class Side(string? state, bool passive)
    {
        uint? _finEnd;

        public string? State { get; private set; } = state;

        public void Send(TcpSegment s)
        {
            if (s.IsRst)
            {
                // Sending a reset ends this side's connection (a closed port stays closed).
                State = "CLOSED";
                return;
            }
            if (IsBareSyn(s) && State is null or "CLOSED")
                State = "SYN-SENT";
            else if (s.Flags.HasFlag(TcpFlags.Syn) && State is null or "LISTEN")
                State = "SYN-RECEIVED";
            if (s.Flags.HasFlag(TcpFlags.Fin))
            {
                _finEnd = unchecked(s.Sequence + s.SequenceLength);
                State = State switch
                {
                    "ESTABLISHED" or "SYN-RECEIVED" => "FIN-WAIT-1",
                    "CLOSE-WAIT" => "LAST-ACK",
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
                    "LISTEN" => "LISTEN",
                    "SYN-RECEIVED" when passive => "LISTEN",
                    _ => "CLOSED",
                };
                return;
            }
            if (IsBareSyn(s))
            {
                State = State switch
                {
                    "LISTEN" => "SYN-RECEIVED",
                    "SYN-SENT" => "SYN-RECEIVED",   // simultaneous open
                    var other => other,
                };
                return;
            }
            if (s.Flags.HasFlag(TcpFlags.Syn) && State == "SYN-SENT")
                State = "ESTABLISHED";
            else if (s.Flags.HasFlag(TcpFlags.Ack))
                State = State switch
                {
                    "SYN-RECEIVED" => "ESTABLISHED",
                    "FIN-WAIT-1" when AcksFin(s) => "FIN-WAIT-2",
                    "CLOSING" when AcksFin(s) => "TIME-WAIT",
                    "LAST-ACK" when AcksFin(s) => "CLOSED",
                    var other => other,
                };
            if (s.Flags.HasFlag(TcpFlags.Fin))
                State = State switch
                {
                    "ESTABLISHED" => "CLOSE-WAIT",
                    "FIN-WAIT-1" => "CLOSING",
                    "FIN-WAIT-2" => "TIME-WAIT",
                    var other => other,
                };
        }

        // Sequence numbers wrap: compare as a signed distance, as the kernel's after() does.
        bool AcksFin(TcpSegment s) => _finEnd is uint end && s.Flags.HasFlag(TcpFlags.Ack) && unchecked((int)(s.Acknowledgment - end)) >= 0;
    }
}
