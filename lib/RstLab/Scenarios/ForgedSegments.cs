using System.Net;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>RST condition 3b made precise: hand-built data segments, one without ACK and one with, sent on <c>lo</c> to a port where no socket exists, and the kernel's answers.</summary>
/// <remarks>
/// Over IPv6 (<c>::1</c>): Linux drops an IPv4 packet for 127.0.0.1 that comes in on <c>lo</c> without having left through its
/// own output path (a "martian destination", unless <c>route_localnet</c> is set), but accepts <c>::1</c> arriving on <c>lo</c>.
/// </remarks>
public static class ForgedSegments
{
    /// <summary>The 5 bytes each forged segment carries.</summary>
    public static byte[] Payload => "hello"u8.ToArray();

    /// <summary>Forges and injects both segments (from two unused source ports to an unused port on <c>::1</c>) and captures the answers; needs CAP_NET_RAW.</summary>
    /// <param name="recording">Recording name for the capture, e.g. <c>04-forged</c>.</param>
    public static ForgedRun Run(string recording)
    {
        SegmentInjector injector;
        try
        {
            injector = SegmentInjector.Open("lo");
        }
        catch (CaptureUnavailableException e)
        {
            return new ForgedRun(false, e.Message, [], null, WireCapture.Recorded(recording, e.Message), null);
        }
        using (injector)
        {
            var port = UnusedPort();
            var target = new IPEndPoint(IPAddress.IPv6Loopback, port);
            var withoutAck = SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, UnusedPort()), target,
                TcpFlags.Psh, (uint)Random.Shared.NextInt64(1, uint.MaxValue), 0, Payload);
            var withAck = SegmentForge.Build(new IPEndPoint(IPAddress.IPv6Loopback, UnusedPort()), target,
                TcpFlags.Psh | TcpFlags.Ack, (uint)Random.Shared.NextInt64(1, uint.MaxValue), (uint)Random.Shared.NextInt64(1, uint.MaxValue), Payload);
            var martian = TryIpv4(injector);
            var wire = WireCapture.Start(recording, "lo", null, port);
            try
            {
                var before = CounterSnapshot.Take();
                var forged = new List<TcpSegment>();
                foreach (var frame in new[] { withoutAck, withAck })
                {
                    injector.Send(frame);
                    var segment = TcpSegment.From(frame)!;
                    forged.Add(segment);
                    wire.WaitFor(s => s.IsRst && s.Destination.Equals(segment.Source), TimeSpan.FromSeconds(1));
                }
                var counters = new HostCounters("this machine", "host", before.To(CounterSnapshot.Take()));
                return new ForgedRun(true, null, forged, counters, wire, martian);
            }
            finally
            {
                wire.Dispose();
            }
        }
    }

    /// <summary>The same segment over IPv4, to 127.0.0.1: captured on its own port, it draws no answer, and the kernel counts a martian destination.</summary>
    static MartianProbe TryIpv4(SegmentInjector injector)
    {
        var port = Loopback.UnusedPort();
        var frame = SegmentForge.Build(new IPEndPoint(IPAddress.Loopback, Loopback.UnusedPort()), new IPEndPoint(IPAddress.Loopback, port),
            TcpFlags.Psh, (uint)Random.Shared.NextInt64(1, uint.MaxValue), 0, Payload);
        using var capture = LiveCapture.Start("lo", port);
        var before = RouteStatistics.MartianDestinations();
        injector.Send(frame);
        var seen = capture.WaitFor(frames => TcpSegment.From(frames).Any(s => !s.IsRst), TimeSpan.FromSeconds(1));
        var answered = capture.WaitFor(frames => TcpSegment.From(frames).Any(s => s.IsRst), TimeSpan.FromMilliseconds(300));
        return new MartianProbe(TcpSegment.From(frame)!, seen, answered, RouteStatistics.MartianDestinations() - before);
    }

    /// <summary>Each non-reset segment from the client side of <paramref name="packets"/>, paired with the first reset its connection drew and the reset the rule demands.</summary>
    public static IReadOnlyList<ForgedAnswer> AnswersIn(PacketTable packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var rows = packets.Rows;
        return rows.Where(r => r.FromClient && !r.IsRst)
            .Select(r =>
            {
                var reset = rows.FirstOrDefault(x => x.Connection == r.Connection && !x.FromClient && x.IsRst && x.Number > r.Number);
                var expected = ResetRule.For(r.Segment)!;
                return new ForgedAnswer(r, reset, expected, reset is not null && expected.IsMetBy(reset.Segment));
            })
            .ToList();
    }

    /// <summary>A port on ::1 where nothing listens (the kernel picks it, free on 127.0.0.1 too as far as it knows).</summary>
    static int UnusedPort()
    {
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}

/// <summary>The forged segments and what the kernel answered.</summary>
/// <param name="Ran">False when segments could not be injected here; <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why not, and how to allow it.</param>
/// <param name="Forged">The segments as built (empty when it did not run).</param>
/// <param name="Counters">This machine's counter changes (null when it did not run).</param>
/// <param name="Wire">The packets: live, or the recording.</param>
/// <param name="Ipv4">The same segment sent over IPv4 to 127.0.0.1, and what became of it (null when it did not run).</param>
public sealed record ForgedRun(bool Ran, string? Reason, IReadOnlyList<TcpSegment> Forged, HostCounters? Counters, WireCapture Wire, MartianProbe? Ipv4)
{
    /// <summary>Each segment sent to the port (live or recorded) with the reset it drew, the reset the rule demands, and whether they agree.</summary>
    public IReadOnlyList<ForgedAnswer> Answers => ForgedSegments.AnswersIn(Wire.Packets);
}

/// <summary>One forged segment, the kernel's reset and the rule's.</summary>
/// <param name="Segment">The forged segment's row.</param>
/// <param name="Reset">The kernel's reset (null if none came).</param>
/// <param name="Expected">What RFC 9293 §3.10.7.1 demands.</param>
/// <param name="FollowsRule">True when the kernel's reset is exactly the expected one.</param>
public sealed record ForgedAnswer(PacketRow Segment, PacketRow? Reset, ExpectedReset Expected, bool FollowsRule);

/// <summary>A forged IPv4 segment for 127.0.0.1 put on <c>lo</c>, and what became of it.</summary>
/// <param name="Segment">The segment as built.</param>
/// <param name="Captured">True when the capture saw it cross <c>lo</c>.</param>
/// <param name="Answered">True when any reset came back (Linux sends none: it drops the packet before TCP sees it).</param>
/// <param name="MartianDrops">How much the kernel's "martian destination" count (<c>in_martian_dst</c>) rose meanwhile.</param>
public sealed record MartianProbe(TcpSegment Segment, bool Captured, bool Answered, long MartianDrops);
