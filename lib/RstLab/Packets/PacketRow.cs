using RstLab.Tracing;

namespace RstLab.Packets;

/// <summary>One line of a packet table: a segment with relative time and relative sequence numbers.</summary>
/// <param name="Number">1-based position in the capture.</param>
/// <param name="Time">Seconds since the first segment.</param>
/// <param name="Delta">Seconds since the previous segment.</param>
/// <param name="Connection">1-based connection number, in order of first appearance.</param>
/// <param name="FromClient">True for client → server, false for server → client.</param>
/// <param name="Flags">The segment's flags, shown as tcpdump prints them (<c>R.</c>).</param>
/// <param name="Seq">Sequence number relative to the sender's first one (its ISN when the capture saw its SYN).</param>
/// <param name="Ack">Acknowledgment relative to the peer's first sequence number; null without the ACK flag.</param>
/// <param name="Window">Advertised window (unscaled).</param>
/// <param name="Length">Payload bytes.</param>
/// <param name="Note">What this segment means; for a RST, which rule produced its numbers.</param>
/// <param name="Segment">The segment with absolute numbers.</param>
public sealed record PacketRow(
    int Number,
    double Time,
    double Delta,
    int Connection,
    bool FromClient,
    TcpFlags Flags,
    long Seq,
    long? Ack,
    ushort Window,
    int Length,
    string Note,
    TcpSegment Segment)
{
    /// <summary>For a reset this machine's kernel sent: the reason it traced (<c>tcp:tcp_send_reset</c>); null when not traced or not a reset.</summary>
    public ResetEvent? Kernel { get; init; }

    /// <summary>The kernel's reason for this reset, or null when none was traced.</summary>
    public RstReason? Reason => Kernel?.Reason;

    /// <summary>True when this row is a reset.</summary>
    public bool IsRst => Segment.IsRst;

    /// <summary>"client → server" or "server → client".</summary>
    public string Direction => FromClient ? "client → server" : "server → client";
}
