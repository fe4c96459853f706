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
    public string FlagsText => Flags.ToText();

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
}
