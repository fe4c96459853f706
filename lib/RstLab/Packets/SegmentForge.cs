using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PacketDotNet;
using RstLab.Capture;

namespace RstLab.Packets;

/// <summary>Builds TCP segments by hand (with PacketDotNet): an Ethernet frame with zero MACs, as Linux <c>lo</c> carries them, and correct IP and TCP checksums.</summary>
public static class SegmentForge
{
    /// <summary>The window a forged segment advertises unless told otherwise.</summary>
    public const ushort DefaultWindow = 64240;

    /// <summary>A frame carrying one TCP segment from <paramref name="source"/> to <paramref name="destination"/> (loopback or the lab's namespace range only).</summary>
    /// <param name="source">Sender's address and port.</param>
    /// <param name="destination">Receiver's address and port.</param>
    /// <param name="flags">TCP flags, e.g. <c>TcpFlags.Psh | TcpFlags.Ack</c>.</param>
    /// <param name="sequence">SEG.SEQ.</param>
    /// <param name="acknowledgment">SEG.ACK (sent as is; meaningful only with the ACK flag).</param>
    /// <param name="payload">Data bytes (none by default).</param>
    /// <param name="window">Advertised window.</param>
    /// <param name="sourceMac">Sender's MAC (zero, as on <c>lo</c>, by default).</param>
    /// <param name="destinationMac">Receiver's MAC (zero by default).</param>
    /// <param name="ttl">IPv4 TTL or IPv6 hop limit (64, Linux's default, unless told otherwise).</param>
    public static Frame Build(IPEndPoint source, IPEndPoint destination, TcpFlags flags, uint sequence, uint acknowledgment = 0,
        byte[]? payload = null, ushort window = DefaultWindow, PhysicalAddress? sourceMac = null, PhysicalAddress? destinationMac = null,
        byte ttl = 64)
    {
        Guard.NotNull(source);
        Guard.NotNull(destination);
        LabAddresses.Require(source.Address, insideLabNamespace: true, nameof(source));
        LabAddresses.Require(destination.Address, insideLabNamespace: true, nameof(destination));
        if (source.AddressFamily != destination.AddressFamily)
            throw new LabArgumentException($"Source {source} and destination {destination} must both be IPv4 or both IPv6.", nameof(destination));
        if (source.Port == 0 || destination.Port == 0)
            throw new LabArgumentException("A forged segment needs real ports on both ends (1 to 65535).", source.Port == 0 ? nameof(source) : nameof(destination));

        var tcp = new TcpPacket((ushort)source.Port, (ushort)destination.Port)
        {
            SequenceNumber = sequence,
            AcknowledgmentNumber = acknowledgment,
            Flags = (ushort)flags,
            WindowSize = window,
            PayloadData = payload ?? [],
        };
        IPPacket ip = source.AddressFamily == AddressFamily.InterNetwork
            ? new IPv4Packet(source.Address, destination.Address) { TimeToLive = ttl }
            : new IPv6Packet(source.Address, destination.Address) { HopLimit = ttl };
        ip.PayloadPacket = tcp;
        var zero = new PhysicalAddress(new byte[6]);
        var ethernet = new EthernetPacket(sourceMac ?? zero, destinationMac ?? zero,
            ip is IPv4Packet ? EthernetType.IPv4 : EthernetType.IPv6) { PayloadPacket = ip };
        // Lengths first, then checksums: the TCP checksum covers the IP pseudo-header, which includes the length.
        ethernet.UpdateCalculatedValues();
        tcp.UpdateTcpChecksum();
        if (ip is IPv4Packet v4)
            v4.UpdateIPChecksum();
        return new Frame(DateTimeOffset.UtcNow, ethernet.Bytes, LinkType.Ethernet);
    }
}
