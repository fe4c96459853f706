using System.Buffers.Binary;
using RstLab.Capture;

namespace RstLab.Packets;

/// <summary>Finds the TCP segment in a frame of any link type the lab reads (Ethernet with VLAN tags, Linux cooked v1 and v2, raw IP, BSD loopback), IPv4 or IPv6.</summary>
/// <remarks>Span-based and allocation-free, so a million frames decode in well under a second; a frame cut by the snap length still decodes when its TCP header's first 16 bytes are there.</remarks>
public static class SegmentDecoder
{
    const ushort Ipv4Type = 0x0800, Ipv6Type = 0x86dd;

    /// <summary>Decodes the IP and TCP headers; false for a frame without TCP (ARP, UDP, a later fragment, too short).</summary>
    public static bool TryDecode(LinkType link, ReadOnlySpan<byte> frame, out WireHeaders headers)
    {
        headers = default;
        if (!TryFindIp(link, frame, out var ip))
            return false;
        if (ip.Length < 1)
            return false;
        return (ip[0] >> 4) switch
        {
            4 => TryIpv4(ip, out headers),
            6 => TryIpv6(ip, out headers),
            _ => false,
        };
    }

    static bool TryFindIp(LinkType link, ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> ip)
    {
        ip = default;
        switch (link)
        {
            case LinkType.Ethernet:
                if (frame.Length < 14)
                    return false;
                var offset = 12;
                var type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                // 802.1Q, 802.1ad (QinQ) and the old 0x9100 tag: four bytes each, the real type after them.
                while (type is 0x8100 or 0x88a8 or 0x9100)
                {
                    offset += 4;
                    if (frame.Length < offset + 2)
                        return false;
                    type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
                }
                return Ip(type, frame[(offset + 2)..], out ip);
            case LinkType.LinuxSll:
                return frame.Length >= 16 && Ip(BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), frame[16..], out ip);
            case LinkType.LinuxSll2:
                return frame.Length >= 20 && Ip(BinaryPrimitives.ReadUInt16BigEndian(frame), frame[20..], out ip);
            case LinkType.Null or LinkType.Loop:
                if (frame.Length < 4)
                    return false;
                // DLT_NULL's family is in the capturing host's byte order: whichever reading is small is the right one.
                var family = BinaryPrimitives.ReadUInt32BigEndian(frame);
                if (link == LinkType.Null && family > 0xffff)
                    family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
                ip = frame[4..];
                return family is 2 or 10 or 24 or 28 or 30;
            case LinkType.Raw or LinkType.Ipv4 or LinkType.Ipv6:
                ip = frame;
                return true;
            default:
                return false;
        }
    }

    static bool Ip(ushort type, ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> ip)
    {
        ip = rest;
        return type is Ipv4Type or Ipv6Type;
    }

    static bool TryIpv4(ReadOnlySpan<byte> ip, out WireHeaders headers)
    {
        headers = default;
        if (ip.Length < 20)
            return false;
        var headerLength = (ip[0] & 0x0f) * 4;
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        if (headerLength < 20 || ip[9] != 6 || (fragment & 0x1fff) != 0 || ip.Length < headerLength)
            return false;
        var total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        // A total length of 0 is TSO/GRO's mark on locally captured large segments: the captured bytes are the truth then.
        var tcpBytes = total == 0 ? ip.Length - headerLength : total - headerLength;
        var source = (UInt128)BinaryPrimitives.ReadUInt32LittleEndian(ip[12..]);
        var destination = (UInt128)BinaryPrimitives.ReadUInt32LittleEndian(ip[16..]);
        return TryTcp(ip[headerLength..], tcpBytes, source, destination, false, ip[8], BinaryPrimitives.ReadUInt16BigEndian(ip[4..]), (fragment & 0x4000) != 0, out headers);
    }

    static bool TryIpv6(ReadOnlySpan<byte> ip, out WireHeaders headers)
    {
        headers = default;
        if (ip.Length < 40)
            return false;
        var payload = (int)BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var next = ip[6];
        var offset = 40;
        // Extension headers: hop-by-hop, routing, fragment, destination options, authentication.
        while (next is 0 or 43 or 44 or 60 or 51)
        {
            if (ip.Length < offset + 8)
                return false;
            if (next == 44 && (BinaryPrimitives.ReadUInt16BigEndian(ip[(offset + 2)..]) & 0xfff8) != 0)
                return false;
            var length = next switch { 44 => 8, 51 => (ip[offset + 1] + 2) * 4, _ => (ip[offset + 1] + 1) * 8 };
            next = ip[offset];
            offset += length;
            payload -= length;
        }
        if (next != 6 || ip.Length < offset)
            return false;
        var tcpBytes = payload <= 0 ? ip.Length - offset : payload;
        return TryTcp(ip[offset..], tcpBytes, BinaryPrimitives.ReadUInt128BigEndian(ip[8..]), BinaryPrimitives.ReadUInt128BigEndian(ip[24..]), true, ip[7], 0, false, out headers);
    }

    static bool TryTcp(ReadOnlySpan<byte> tcp, int tcpBytes, UInt128 source, UInt128 destination, bool ipv6, byte ttl, ushort ipId, bool dontFragment, out WireHeaders headers)
    {
        headers = default;
        if (tcp.Length < 16)
            return false;
        var headerLength = (tcp[12] >> 4) * 4;
        if (headerLength < 20)
            return false;
        uint? timestamp = null;
        byte? scale = null;
        var options = tcp[Math.Min(20, tcp.Length)..Math.Min(headerLength, tcp.Length)];
        while (options.Length > 0 && options[0] != 0)
        {
            if (options[0] == 1)
            {
                options = options[1..];
                continue;
            }
            if (options.Length < 2 || options[1] < 2 || options[1] > options.Length)
                break;
            if (options[0] == 8 && options[1] == 10)
                timestamp = BinaryPrimitives.ReadUInt32BigEndian(options[2..]);
            else if (options[0] == 3 && options[1] == 3)
                scale = options[2];
            options = options[options[1]..];
        }
        headers = new WireHeaders(source, destination, ipv6,
            BinaryPrimitives.ReadUInt16BigEndian(tcp), BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]),
            (TcpFlags)(BinaryPrimitives.ReadUInt16BigEndian(tcp[12..]) & 0x00ff),
            BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]), BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(tcp[14..]), Math.Max(0, tcpBytes - headerLength),
            ttl, ipId, dontFragment, headerLength, timestamp, scale);
        return true;
    }
}
