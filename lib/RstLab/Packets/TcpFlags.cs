namespace RstLab.Packets;

/// <summary>TCP header flags, with the wire's bit values; shown as tcpdump writes them (<see cref="TcpFlagsText.ToText"/>).</summary>
[Flags]
public enum TcpFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>FIN: the sender has no more data.</summary>
    Fin = 0x01,
    /// <summary>SYN: synchronise sequence numbers (opens a connection).</summary>
    Syn = 0x02,
    /// <summary>RST: reset the connection.</summary>
    Rst = 0x04,
    /// <summary>PSH: push data to the application.</summary>
    Psh = 0x08,
    /// <summary>ACK: the acknowledgment field is valid.</summary>
    Ack = 0x10,
    /// <summary>URG: the urgent pointer is valid.</summary>
    Urg = 0x20,
    /// <summary>ECE: ECN echo.</summary>
    Ece = 0x40,
    /// <summary>CWR: congestion window reduced.</summary>
    Cwr = 0x80,
    /// <summary><c>S.</c>: SYN and ACK, the listener's answer to a SYN.</summary>
    SynAck = Syn | Ack,
    /// <summary><c>R.</c>: RST and ACK.</summary>
    RstAck = Rst | Ack,
    /// <summary><c>P.</c>: data pushed, with ACK.</summary>
    PshAck = Psh | Ack,
    /// <summary><c>F.</c>: FIN with ACK.</summary>
    FinAck = Fin | Ack,
}
