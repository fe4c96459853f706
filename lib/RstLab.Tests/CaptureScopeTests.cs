using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PacketDotNet;
using RstLab.Capture;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>A capture holds the experiment's TCP ports and nothing else: not other ports, not UDP or ICMP on the same numbers.</summary>
[Collection("live")]
public sealed class CaptureScopeTests
{
    const int A = 40100, B = 40200, Other = 40300;

    [Fact]
    public void It_admits_TCP_to_or_from_the_experiment_ports_and_nothing_else()
    {
        using var filter = new CompiledFilter(LiveCapture.FilterFor([A, B]));

        Assert.True(filter.Admits(Tcp(IPAddress.Loopback, 50000, A)), "TCP to A");
        Assert.True(filter.Admits(Tcp(IPAddress.Loopback, A, 50000)), "TCP from A");
        Assert.True(filter.Admits(Tcp(IPAddress.Loopback, 50000, B)), "TCP to B");
        Assert.True(filter.Admits(Tcp(IPAddress.IPv6Loopback, 50000, A)), "TCP to A over IPv6");
        Assert.False(filter.Admits(Tcp(IPAddress.Loopback, 50000, Other)), "TCP to another port");
        Assert.False(filter.Admits(Tcp(IPAddress.Loopback, A + 1, Other)), "TCP on a neighbouring port");
        Assert.False(filter.Admits(Udp(IPAddress.Loopback, 50000, A)), "UDP to A");
        Assert.False(filter.Admits(Udp(IPAddress.IPv6Loopback, A, B)), "UDP from A to B over IPv6");
        Assert.False(filter.Admits(Icmp()), "ICMP echo");
    }

    [Fact]
    public void It_builds_the_filter_from_the_ports_alone_with_nothing_a_learner_can_widen()
    {
        Assert.Equal($"tcp and (port {A} or port {B})", LiveCapture.FilterFor([B, A, B]));
        Assert.Throws<LabArgumentException>(() => LiveCapture.FilterFor([]));
        Assert.Throws<LabArgumentException>(() => LiveCapture.FilterFor([A, 0]));
    }

    [LiveFact]
    public void It_captures_all_of_the_experiment_ports_traffic_and_none_of_the_rest()
    {
        // Each open capture holds a thread-pool thread (SharpPcap's capture task) and Lab.Connect waits on the pool, so two
        // captures on a 2-core machine can delay a loopback connect past its 2 s timeout. That is not what this test is about.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
        var listener = Lab.Listen();
        var other = Lab.Listen();
        try
        {
            var served = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var refused = Lab.UnusedPort();
            var otherServed = ((IPEndPoint)other.LocalEndPoint!).Port;
            var otherRefused = Lab.UnusedPort();
            int[] experiment = [served, refused];
            // A second capture on the same lo, of all four ports: the proof that the other traffic crossed lo too.
            using var wide = LiveCapture.Start("lo", served, refused, otherServed, otherRefused);
            using var wire = Lab.Capture("zz-scope", experiment);
            Assert.True(wire.IsLive, wire.Unavailable);

            var exchange = Exchange(listener, served);
            Exchange(other, otherServed);
            var knock = Lab.TryConnect(refused);
            Assert.False(knock.Succeeded);
            Assert.False(Lab.TryConnect(otherRefused).Succeeded);
            using (var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp))
            {
                udp.SendTo("not tcp"u8, new IPEndPoint(IPAddress.Loopback, served));   // same number, other protocol
                udp.SendTo("not tcp"u8, new IPEndPoint(IPAddress.Loopback, refused));  // draws an ICMP port unreachable
            }
            using (var ping = new Ping())
                Assert.Equal(IPStatus.Success, ping.Send(IPAddress.Loopback, 1000).Status);
            wire.Dispose();
            wide.Settle(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
            wide.Stop();

            var captured = TcpSegment.From(wire.Frames);
            Assert.Equal(wire.Frames.Count, captured.Count); // every frame is TCP: no UDP, no ICMP
            Assert.All(captured, s => Assert.True(experiment.Contains(s.Source.Port) || experiment.Contains(s.Destination.Port), $"{s.Source} > {s.Destination} is not the experiment's"));
            // All of the experiment's own packets: the whole exchange on the served port, and the refused knock.
            var talk = captured.Where(s => s.Source.Port == exchange || s.Destination.Port == exchange).Select(s => (s.Destination.Port == served ? ">" : "<") + s.FlagsText + s.PayloadLength).ToList();
            Assert.Equal([">S0", "<S.0", ">.0"], talk.Take(3));
            Assert.All(new[] { ">P.4", "<P.4", ">F.0", "<F.0" }, step => Assert.Contains(step, talk)); // ACKs may ride on data, so only these are certain
            Assert.Equal(["S", "R."], captured.Where(s => s.Source.Port == refused || s.Destination.Port == refused).Select(s => s.FlagsText));
            var elsewhere = TcpSegment.From(wide.Frames).Count(s => s.Source.Port is var p && (p == otherServed || p == otherRefused) || s.Destination.Port == otherServed || s.Destination.Port == otherRefused);
            Assert.True(elsewhere >= 9, $"only {elsewhere} segments on the other ports crossed lo: the test would prove nothing");
        }
        finally
        {
            listener.Dispose();
            other.Dispose();
            ThreadPool.SetMinThreads(workers, io);
        }
    }

    /// <summary>Connects to <paramref name="port"/>, sends a few bytes each way, closes both ends; returns the client's port.</summary>
    static int Exchange(Socket listener, int port)
    {
        var client = Lab.Connect(port);
        using (client)
        {
            var server = Lab.Accept(listener);
            using (server)
            {
                client.Send("ping"u8);
                server.Receive(new byte[16]);
                server.Send("pong"u8);
                client.Receive(new byte[16]);
            }
            return ((IPEndPoint)client.LocalEndPoint!).Port;
        }
    }

    static byte[] Tcp(IPAddress loopback, int from, int to) =>
        Ethernet(Ip(loopback, new PacketDotNet.TcpPacket((ushort)from, (ushort)to) { Flags = 0x02 }));

    static byte[] Udp(IPAddress loopback, int from, int to) =>
        Ethernet(Ip(loopback, new UdpPacket((ushort)from, (ushort)to) { PayloadData = "x"u8.ToArray() }));

    static byte[] Icmp() =>
        Ethernet(Ip(IPAddress.Loopback, new IcmpV4Packet(new PacketDotNet.Utils.ByteArraySegment(new byte[8])) { TypeCode = IcmpV4TypeCode.EchoRequest }));

    static IPPacket Ip(IPAddress loopback, Packet payload)
    {
        IPPacket ip = loopback.AddressFamily == AddressFamily.InterNetwork
            ? new IPv4Packet(loopback, loopback)
            : new IPv6Packet(loopback, loopback);
        ip.Protocol = payload switch
        {
            PacketDotNet.TcpPacket => PacketDotNet.ProtocolType.Tcp,
            UdpPacket => PacketDotNet.ProtocolType.Udp,
            _ => PacketDotNet.ProtocolType.Icmp,
        };
        ip.PayloadPacket = payload;
        return ip;
    }

    static byte[] Ethernet(IPPacket ip)
    {
        var zero = new PhysicalAddress(new byte[6]);
        var ethernet = new EthernetPacket(zero, zero, ip is IPv4Packet ? EthernetType.IPv4 : EthernetType.IPv6) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        return ethernet.Bytes;
    }
}
