using RstLab.Packets;

namespace RstLab.Diagnosis;

/// <summary>A connection's four-tuple, the same in both directions.</summary>
internal readonly record struct ConnectionKey(UInt128 LowAddress, ushort LowPort, UInt128 HighAddress, ushort HighPort, bool IsIpv6)
{
    public static ConnectionKey Of(in WireHeaders h) =>
        h.Source < h.Destination || (h.Source == h.Destination && h.SourcePort <= h.DestinationPort)
            ? new(h.Source, h.SourcePort, h.Destination, h.DestinationPort, h.IsIpv6)
            : new(h.Destination, h.DestinationPort, h.Source, h.SourcePort, h.IsIpv6);
}
