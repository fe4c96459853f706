using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using RstLab.Capture;
using RstLab.Packets;
using TcpFlags = RstLab.Packets.TcpFlags;

namespace RstLab.Tests;

public sealed class SegmentForgeTests
{
    static readonly IPEndPoint From = new(IPAddress.Loopback, 40001), To = new(IPAddress.Loopback, 40002);

    [Fact]
    public void It_builds_a_segment_that_parses_back_to_what_was_asked()
    {
        var frame = SegmentForge.Build(From, To, TcpFlags.Psh | TcpFlags.Ack, 123456789, 987654321, "hello"u8.ToArray(), window: 512);

        var segment = TcpSegment.From(frame)!;

        Assert.Equal(From, segment.Source);
        Assert.Equal(To, segment.Destination);
        Assert.Equal("P.", segment.FlagsText);
        Assert.Equal(123456789u, segment.Sequence);
        Assert.Equal(987654321u, segment.Acknowledgment);
        Assert.Equal(512, segment.Window);
        Assert.Equal(5, segment.PayloadLength);
    }

    [Fact]
    public void It_sets_the_ttl_or_hop_limit_asked_for_and_64_otherwise()
    {
        Assert.Equal(64, SegmentForge.Build(From, To, TcpFlags.Rst, 1).Data[14 + 8]);
        Assert.Equal(50, SegmentForge.Build(From, To, TcpFlags.Rst, 1, ttl: 50).Data[14 + 8]);
        var v6 = SegmentForge.Build(new(IPAddress.IPv6Loopback, 40001), new(IPAddress.IPv6Loopback, 40002), TcpFlags.Rst, 1, ttl: 50);
        Assert.Equal(50, v6.Data[14 + 7]);   // IPv6 hop limit
    }

    [Fact]
    public void It_frames_it_as_lo_does_ethernet_with_zero_macs()
    {
        var frame = SegmentForge.Build(From, To, TcpFlags.Psh, 1);

        Assert.Equal(LinkType.Ethernet, frame.LinkType);
        Assert.All(frame.Data[..12], b => Assert.Equal(0, b));
        Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(frame.Data.AsSpan(12)));
        Assert.Equal(14 + 20 + 20, frame.Data.Length);
    }

    [Fact]
    public void It_uses_given_macs_for_a_veth()
    {
        var mac = PhysicalAddress.Parse("02-77-00-00-00-02");

        var frame = SegmentForge.Build(new IPEndPoint(IPAddress.Parse("10.77.0.1"), 1), new IPEndPoint(IPAddress.Parse("10.77.0.2"), 2), TcpFlags.Ack, 1, 2, destinationMac: mac);

        Assert.Equal(mac.GetAddressBytes(), frame.Data[..6]);
    }

    [Fact]
    public void It_computes_correct_IP_and_TCP_checksums()
    {
        var frame = SegmentForge.Build(From, To, TcpFlags.Psh, 42, 0, "hello"u8.ToArray());
        var ip = frame.Data.AsSpan(14, 20);
        var tcp = frame.Data.AsSpan(34);

        // The ones'-complement sum over a header including its checksum is 0xFFFF when the checksum is right.
        Assert.Equal(0xFFFF, OnesComplementSum(ip));
        var pseudo = new byte[12 + tcp.Length];
        ip.Slice(12, 8).CopyTo(pseudo);
        pseudo[9] = 6;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)tcp.Length);
        tcp.CopyTo(pseudo.AsSpan(12));
        Assert.Equal(0xFFFF, OnesComplementSum(pseudo));
        Assert.True(((TcpPacket)Packet.ParsePacket(LinkLayers.Ethernet, frame.Data).PayloadPacket.PayloadPacket).ValidChecksum);
    }

    [Fact]
    public void It_builds_IPv6_on_loopback()
    {
        var segment = TcpSegment.From(SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, 1), new IPEndPoint(IPAddress.IPv6Loopback, 2), TcpFlags.Syn, 7))!;

        Assert.Equal(IPAddress.IPv6Loopback, segment.Source.Address);
        Assert.Equal("S", segment.FlagsText);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("192.168.0.10")]
    [InlineData("10.77.1.1")]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("fe80::1")]
    [InlineData("::")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::ffff:10.77.0.2")]
    public void It_refuses_addresses_outside_the_lab(string address)
    {
        var outside = IPAddress.Parse(address);
        var loopback = outside.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback;

        var to = Assert.Throws<LabArgumentException>(() => SegmentForge.Build(new IPEndPoint(loopback, 40001), new IPEndPoint(outside, 80), TcpFlags.Syn, 1));
        var from = Assert.Throws<LabArgumentException>(() => SegmentForge.Build(new IPEndPoint(outside, 80), new IPEndPoint(loopback, 40001), TcpFlags.Syn, 1));

        Assert.Equal(("destination", "source"), (to.ParamName, from.ParamName));
        Assert.Contains(outside.ToString(), to.Message);
        Assert.Equal(to.Message, to.ToString());
    }

    [Theory]
    [InlineData("10.77.0.1", "10.77.0.2")]
    [InlineData("127.0.0.1", "127.0.0.2")]
    [InlineData("::ffff:127.0.0.1", "::1")]
    public void It_builds_for_loopback_and_the_namespace_range(string from, string to)
    {
        var source = IPAddress.Parse(from);
        var destination = IPAddress.Parse(to);
        if (source.AddressFamily != destination.AddressFamily)
            source = source.MapToIPv6();

        Assert.NotNull(TcpSegment.From(SegmentForge.Build(new IPEndPoint(source, 40001), new IPEndPoint(destination, 80), TcpFlags.Syn, 1)));
    }

    [Fact]
    public void It_refuses_mixed_families_and_port_zero()
    {
        Assert.Throws<LabArgumentException>(() => SegmentForge.Build(From, new IPEndPoint(IPAddress.IPv6Loopback, 2), TcpFlags.Syn, 1));
        Assert.Throws<LabArgumentException>(() => SegmentForge.Build(new IPEndPoint(IPAddress.Loopback, 0), To, TcpFlags.Syn, 1));
    }

    static int OnesComplementSum(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (data.Length % 2 == 1)
            sum += data[^1] << 8;
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (int)sum;
    }
}
