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
    [InlineData("ifb0")]
    [InlineData("LO")]
    [InlineData("lo ")]
    [InlineData("lo:1")]
    [InlineData("rstlab-nodev0")]
    public void It_refuses_any_device_but_lo_outside_lab_namespaces(string device)
    {
        var e = Assert.Throws<LabArgumentException>(() => SegmentInjector.Open(device));

        Assert.Contains($"'{device}'", e.Message);
        Assert.Equal("device", e.ParamName);
        Assert.Equal(e.Message, e.ToString());
    }

    [Fact]
    public void It_refuses_a_made_up_device_before_asking_libpcap_for_it()
    {
        // libpcap would answer "no such device" (CaptureUnavailableException, NoDevice); the lab's own refusal comes first.
        var e = Record.Exception(() => SegmentInjector.Open("rstlab-nodev0"));

        Assert.IsType<LabArgumentException>(e);
        Assert.Contains("injects only on lo", e.Message);
    }

    [LiveFact]
    public void It_refuses_every_outside_address_on_lo_and_sends_nothing_anywhere()
    {
        var port = Lab.UnusedPort();
        using var onLo = LiveCapture.Start("lo", port);
        using var onEth0 = LiveCapture.Start("eth0", port);
        using var injector = SegmentInjector.Open("lo");
        string[] outside = ["8.8.8.8", "10.77.1.1", "10.77.0.2", "192.168.1.1", "0.0.0.0", "2001:4860:4860::8888", "::ffff:8.8.8.8", "fe80::1"];

        foreach (var address in outside)
        {
            var to = Assert.Throws<LabArgumentException>(() => injector.Send(HandBuilt(Loopback(address), address, port)));
            var from = Assert.Throws<LabArgumentException>(() => injector.Send(HandBuilt(address, Loopback(address), port)));
            Assert.Contains("not a loopback address", to.Message);
            Assert.Contains(IPAddress.Parse(address).ToString(), from.Message);
        }
        Assert.Throws<LabArgumentException>(() => SegmentInjector.Open("eth0"));
        // The control: an allowed segment on the same port is seen, so the captures would have seen the others.
        injector.Send(SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, Lab.UnusedPort()), new IPEndPoint(IPAddress.IPv6Loopback, port), TcpFlags.Syn, 1));

        Assert.True(onLo.WaitFor(f => f.Count >= 1, TimeSpan.FromSeconds(2)), "the allowed control segment never showed on lo");
        onLo.Settle(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
        onEth0.Settle(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
        Assert.Equal(1, injector.Sent);
        Assert.All(TcpSegment.From(onLo.Frames), s => Assert.Equal(IPAddress.IPv6Loopback, s.Destination.Address));
        Assert.Empty(onEth0.Frames);
    }

    [LiveFact]
    public void It_refuses_frames_for_addresses_outside_loopback_on_lo()
    {
        using var injector = SegmentInjector.Open("lo");
        var toNamespaceRange = SegmentForge.Build(new IPEndPoint(IPAddress.Loopback, 40001), new IPEndPoint(IPAddress.Parse("10.77.0.2"), 8000), TcpFlags.Syn, 1);

        Assert.Throws<LabArgumentException>(() => injector.Send(toNamespaceRange));
        Assert.Throws<LabArgumentException>(() => injector.Send(HandBuilt("8.8.8.8")));
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

        foreach (var outside in new[] { "192.168.1.1", "10.77.1.1", "10.78.0.1", "8.8.8.8", "2001:4860:4860::8888", "::ffff:10.77.0.2" })
            Assert.Throws<LabArgumentException>(() => injector.Send(HandBuilt(Loopback(outside) == "::1" ? "::1" : TwoHosts.ClientAddress.ToString(), outside, 8000)));
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
            Assert.Throws<LabArgumentException>(() => run.Send(SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, 1), new IPEndPoint(IPAddress.IPv6Loopback, run.Port == 9 ? 10 : 9), TcpFlags.Syn, 1)));
        }

        Assert.True(run.Wire.IsLive);
        Assert.Equal(2, run.Answers.Count);
        Assert.All(run.Answers, a => Assert.True(a.FollowsRule, $"{a.Segment.Flags} drew {a.Reset?.Flags.ToText() ?? "nothing"}; expected {a.Expected}"));
        Assert.Equal(["R.", "R"], run.Answers.Select(a => a.Reset!.Flags.ToText()));
        Assert.Equal(7000u, run.Answers[1].Reset!.Segment.Sequence);
        Assert.True(run.Counters.Single()["OutRsts"] >= 2);
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
    static Frame HandBuilt(string destination) => HandBuilt("127.0.0.1", destination, 80);

    /// <summary>A SYN from <paramref name="source"/> to <paramref name="destination"/>:<paramref name="port"/>, built without the forge's address check.</summary>
    static Frame HandBuilt(string source, string destination, int port)
    {
        var tcp = new TcpPacket(40001, (ushort)port) { Flags = 0x02 };
        var from = IPAddress.Parse(source);
        var to = IPAddress.Parse(destination);
        IPPacket ip = from.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? new IPv4Packet(from, to) : new IPv6Packet(from, to);
        ip.PayloadPacket = tcp;
        var zero = new PhysicalAddress(new byte[6]);
        var ethernet = new EthernetPacket(zero, zero, ip is IPv4Packet ? EthernetType.IPv4 : EthernetType.IPv6) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        return new Frame(DateTimeOffset.UtcNow, ethernet.Bytes);
    }

    /// <summary>The loopback address of <paramref name="address"/>'s family.</summary>
    static string Loopback(string address) => IPAddress.Parse(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "127.0.0.1" : "::1";
}
