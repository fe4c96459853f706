using RstLab.Capture;

namespace RstLab.Packets;

/// <summary>A captured segment with the IP TTL (IPv6: hop limit) it arrived with: each router on the way takes one off, so a reset whose TTL differs from the peer's other segments came from another box.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="Ttl">Its IP TTL or hop limit as captured.</param>
public sealed record SegmentTtl(TcpSegment Segment, int Ttl)
{
    /// <summary>Every TCP segment in <paramref name="frames"/> with its TTL, in capture order.</summary>
    public static IReadOnlyList<SegmentTtl> From(IEnumerable<Frame> frames) =>
        Guard.NotNull(frames)
            .Select(f => SegmentDecoder.TryDecode(f.LinkType, f.Data, out var h) ? new SegmentTtl(h.ToSegment(f.Time), h.Ttl) : null)
            .OfType<SegmentTtl>().ToList();

    /// <summary>The segment in tcpdump's words with its TTL, e.g. <c>10.77.0.130:8000 → 10.77.0.65:40000 R. ttl 64</c>.</summary>
    public override string ToString() => $"{Segment.Source} → {Segment.Destination} {Segment.FlagsText} ttl {Ttl}";
}
