using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using RstLab.Capture;
using RstLab.Namespaces;
using RstLab.Packets;
using RstLab.Scenarios;
using TcpFlags = RstLab.Packets.TcpFlags;

namespace RstLab.Tests;

[Collection("live")]
public sealed class SegmentInjectorTests
{
    [Theory]
    [InlineData("eth0")]
    [InlineData("any")]
    [InlineData("docker0")]
    public void It_refuses_any_device_but_lo_outside_lab_namespaces(string device)
    {
        var e = Assert.Throws<ArgumentException>(() => SegmentInjector.Open(device));

        Assert.Contains($"'{device}'", e.Message);
    }

    [LiveFact]
    public void It_refuses_frames_for_addresses_outside_loopback_on_lo()
    {
        using var injector = SegmentInjector.Open("lo");
        var toNamespaceRange = SegmentForge.Build(new IPEndPoint(IPAddress.Loopback, 40001), new IPEndPoint(IPAddress.Parse("10.77.0.2"), 8000), TcpFlags.Syn, 1);

        Assert.Throws<ArgumentException>(() => injector.Send(toNamespaceRange));
        Assert.Throws<ArgumentException>(() => injector.Send(HandBuilt("8.8.8.8")));
        Assert.Equal(0, injector.Sent);
    }

    [LiveFact]
    public void It_sends_the_namespace_range_only_inside_a_lab_namespace()
    {
        using var hosts = TwoHosts.Create();
        using var injector = SegmentInjector.Open(TwoHosts.CaptureDevice, hosts.Client);
        var frame = SegmentForge.Build(new IPEndPoint(TwoHosts.ClientAddress, 40001), new IPEndPoint(TwoHosts.ServerAddress, 8000), TcpFlags.Syn, 1,
            destinationMac: PhysicalAddress.Parse(TwoHosts.ServerMac.Replace(':', '-').ToUpperInvariant()));

        injector.Send(frame);

        Assert.Throws<ArgumentException>(() => injector.Send(HandBuilt("192.168.1.1")));
        Assert.Equal(1, injector.Sent);
        Assert.Contains(hosts.Client.Name, injector.Where);
    }

    [LiveFact]
    public void It_draws_the_kernel_reset_the_rule_demands()
    {
        var run = ForgedSegments.Start("04-test-forged");
        using (run)
        {
            Assert.True(run.Live, run.Reason);
            var to = new IPEndPoint(IPAddress.IPv6Loopback, run.Port);
            run.Send(SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, Lab.UnusedPort()), to, TcpFlags.Psh, 1000, 0, "hello"u8.ToArray()));
            run.Send(SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, Lab.UnusedPort()), to, TcpFlags.Psh | TcpFlags.Ack, 2000, 7000, "hello"u8.ToArray()));
            Assert.Throws<ArgumentException>(() => run.Send(SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, 1), new IPEndPoint(IPAddress.IPv6Loopback, run.Port == 9 ? 10 : 9), TcpFlags.Syn, 1)));
        }

        Assert.True(run.Wire.IsLive);
        Assert.Equal(2, run.Answers.Count);
        Assert.All(run.Answers, a => Assert.True(a.FollowsRule, $"{a.Segment.Flags} drew {a.Reset?.Flags ?? "nothing"}; expected {a.Expected}"));
        Assert.Equal(["R.", "R"], run.Answers.Select(a => a.Reset!.Flags));
        Assert.Equal(7000u, run.Answers[1].Reset!.Segment.Sequence);
        Assert.True(run.Counters!["OutRsts"] >= 2);
    }

    [LiveFact]
    public void It_shows_Linux_dropping_a_forged_IPv4_segment_for_127_0_0_1_as_martian()
    {
        using var run = ForgedSegments.Start("04-test-forged");

        var v4 = run.SendOverIpv4(SegmentForge.Build(new IPEndPoint(IPAddress.Loopback, Lab.UnusedPort()),
            new IPEndPoint(IPAddress.Loopback, Lab.UnusedPort()), TcpFlags.Psh, 1000, 0, "hello"u8.ToArray()));

        Assert.True(v4.Captured);
        Assert.False(v4.Answered);
        Assert.True(v4.MartianDrops >= 1);
        Assert.Same(v4, run.Ipv4);
    }

    /// <summary>A frame built without the forge's address check, to prove the injector checks too.</summary>
    static Frame HandBuilt(string destination)
    {
        var tcp = new TcpPacket(40001, 80) { Flags = 0x02 };
        var ip = new IPv4Packet(IPAddress.Loopback, IPAddress.Parse(destination)) { PayloadPacket = tcp };
        var zero = new PhysicalAddress(new byte[6]);
        var ethernet = new EthernetPacket(zero, zero, EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        return new Frame(DateTimeOffset.UtcNow, ethernet.Bytes);
    }
}
