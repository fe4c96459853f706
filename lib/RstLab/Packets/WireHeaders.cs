using System.Buffers.Binary;
using System.Net;

namespace RstLab.Packets;

/// <summary>The IP and TCP header fields of one segment that tell who sent it, decoded without allocating.</summary>
/// <param name="Source">Source address: IPv4 as its four wire bytes read little-endian (as <see cref="IPAddress(long)"/> takes them), or the 128 bits of IPv6.</param>
/// <param name="Destination">Destination address, coded like <paramref name="Source"/>.</param>
/// <param name="IsIpv6">True for IPv6.</param>
/// <param name="SourcePort">TCP source port.</param>
/// <param name="DestinationPort">TCP destination port.</param>
/// <param name="Flags">TCP flags.</param>
/// <param name="Sequence">Sequence number.</param>
/// <param name="Acknowledgment">Acknowledgment number.</param>
/// <param name="Window">Advertised window, unscaled.</param>
/// <param name="PayloadLength">Payload bytes from the IP length fields (right even when the snap length cut the frame).</param>
/// <param name="Ttl">IPv4 TTL or IPv6 hop limit.</param>
/// <param name="IpId">IPv4 identification (0 for IPv6).</param>
/// <param name="DontFragment">IPv4 DF bit.</param>
/// <param name="TcpHeaderLength">TCP header bytes (20 without options).</param>
/// <param name="TimestampValue">The timestamp option's TSval, or null without it.</param>
/// <param name="WindowScale">The window-scale option's shift (SYNs only), or null without it.</param>
public readonly record struct WireHeaders(
    UInt128 Source, UInt128 Destination, bool IsIpv6, ushort SourcePort, ushort DestinationPort,
    TcpFlags Flags, uint Sequence, uint Acknowledgment, ushort Window, int PayloadLength,
    byte Ttl, ushort IpId, bool DontFragment, int TcpHeaderLength, uint? TimestampValue, byte? WindowScale)
{
    /// <summary>True when the segment carries TCP options.</summary>
    public bool HasOptions => TcpHeaderLength > 20;

    /// <summary>The segment with endpoint objects, for rows and diagrams.</summary>
    public TcpSegment ToSegment(DateTimeOffset time) =>
        new(time, new IPEndPoint(Address(Source, IsIpv6), SourcePort), new IPEndPoint(Address(Destination, IsIpv6), DestinationPort),
            Flags, Sequence, Acknowledgment, Window, PayloadLength);

    /// <summary>The address a coded value stands for.</summary>
    public static IPAddress Address(UInt128 value, bool ipv6)
    {
        if (!ipv6)
            return new IPAddress((long)(uint)value);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
