using System.Net;
using RstLab.Capture;

namespace RstLab.Packets;

/// <summary>One TCP segment as it crossed the wire: addresses, flags and absolute numbers.</summary>
public sealed record TcpSegment(
    DateTimeOffset Time,
    IPEndPoint Source,
    IPEndPoint Destination,
    TcpFlags Flags,
    uint Sequence,
    uint Acknowledgment,
    ushort Window,
    int PayloadLength)
{
    /// <summary>True when the RST flag is set.</summary>
    public bool IsRst => Flags.HasFlag(TcpFlags.Rst);

    /// <summary>The flags as tcpdump prints them: <c>S</c>, <c>S.</c>, <c>R.</c>, <c>P.</c>, <c>F.</c>.</summary>
    public string FlagsText => FormatFlags(Flags);

    /// <summary>Sequence space this segment occupies: payload plus one for SYN and one for FIN.</summary>
    public uint SequenceLength => (uint)PayloadLength + (Flags.HasFlag(TcpFlags.Syn) ? 1u : 0) + (Flags.HasFlag(TcpFlags.Fin) ? 1u : 0);

    /// <summary>Parses the TCP segment inside a frame, or returns null when the frame carries no TCP.</summary>
    public static TcpSegment? From(Frame frame)
    {
        Guard.NotNull(frame);
        return SegmentDecoder.TryDecode(frame.LinkType, frame.Data, out var headers) ? headers.ToSegment(frame.Time) : null;
    }

    /// <summary>Parses every TCP segment in a list of frames, skipping frames without TCP.</summary>
    public static IReadOnlyList<TcpSegment> From(IEnumerable<Frame> frames) =>
        Guard.NotNull(frames).Select(From).OfType<TcpSegment>().ToList();

    /// <summary>Formats flags in tcpdump's order (F S R P, then '.' for ACK, then U E W).</summary>
    public static string FormatFlags(TcpFlags flags)
    {
        var text = "";
        if (flags.HasFlag(TcpFlags.Fin)) text += "F";
        if (flags.HasFlag(TcpFlags.Syn)) text += "S";
        if (flags.HasFlag(TcpFlags.Rst)) text += "R";
        if (flags.HasFlag(TcpFlags.Psh)) text += "P";
        if (flags.HasFlag(TcpFlags.Ack)) text += ".";
        if (flags.HasFlag(TcpFlags.Urg)) text += "U";
        if (flags.HasFlag(TcpFlags.Ece)) text += "E";
        if (flags.HasFlag(TcpFlags.Cwr)) text += "W";
        return text.Length == 0 ? "none" : text;
    }
}

/// <summary>TCP header flags, with the wire's bit values.</summary>
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
}
