using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>RST condition 3b made precise: segments built by hand (<see cref="SegmentForge"/>) are injected on <c>lo</c> to a port where no socket exists, and the kernel's answers are captured.</summary>
/// <remarks>
/// Over IPv6 (<c>::1</c>): Linux drops an IPv4 packet for 127.0.0.1 that comes in on <c>lo</c> without having left through its
/// own output path (a "martian destination", unless <c>route_localnet</c> is set), but accepts <c>::1</c> arriving on <c>lo</c>.
/// Where injecting is not permitted, <see cref="Live"/> is false and <see cref="Wire"/> is the recording from <c>data/</c>.
/// </remarks>
public sealed class ForgedSegments : IDisposable
{
    static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(1);
    readonly SegmentInjector? _injector;
    readonly List<TcpSegment> _forged = [];
    readonly CounterSnapshot? _before;
    bool _disposed;

    ForgedSegments(SegmentInjector? injector, int port, WireCapture wire, string? reason)
    {
        _injector = injector;
        Port = port;
        Wire = wire;
        Reason = reason;
        _before = injector is null ? null : CounterSnapshot.Take();
    }

    /// <summary>Opens an injector on <c>lo</c> and a capture on a port of ::1 where nothing listens, and reads this machine's counters; or, without CAP_NET_RAW, the recording and why.</summary>
    /// <param name="recording">Recording name, e.g. <c>04-forged</c>.</param>
    public static ForgedSegments Start(string recording)
    {
        Recordings.ValidateName(recording);
        SegmentInjector injector;
        try
        {
            injector = SegmentInjector.Open("lo");
        }
        catch (CaptureUnavailableException e)
        {
            return new ForgedSegments(null, 0, WireCapture.Recorded(recording, e.Message), e.Message);
        }
        try
        {
            var port = Loopback.UnusedPort(IPAddress.IPv6Loopback);
            return new ForgedSegments(injector, port, WireCapture.Start(recording, "lo", null, port), null);
        }
        catch
        {
            injector.Dispose();
            throw;
        }
    }

    /// <summary>True when segments are injected here; false when only the recording can be shown (<see cref="Reason"/> says why).</summary>
    public bool Live => Reason is null;

    /// <summary>Why not live, and how to allow it (null when live).</summary>
    public string? Reason { get; }

    /// <summary>The port on ::1 where nothing listens, and where the capture looks (0 when not live).</summary>
    public int Port { get; }

    /// <summary>The packets on <see cref="Port"/>: live, or the recording.</summary>
    public WireCapture Wire { get; }

    /// <summary>The segments injected to <see cref="Port"/>, as built.</summary>
    public IReadOnlyList<TcpSegment> Forged => _forged;

    /// <summary>The IPv4 segment for 127.0.0.1 and what became of it (null until <see cref="SendOverIpv4"/>).</summary>
    public MartianProbe? Ipv4 { get; private set; }

    /// <summary>This machine's counter changes from the start to the end of the experiment (empty until it ends, or when not live).</summary>
    public IReadOnlyList<HostCounters> Counters { get; private set; } = [];

    /// <summary>Each segment sent to the port (live or recorded) with the reset it drew, the reset the rule demands, and whether they agree.</summary>
    public IReadOnlyList<ForgedAnswer> Answers => AnswersIn(Wire.Packets);

    /// <summary>Injects <paramref name="frame"/> (a segment to ::1:<see cref="Port"/>) on <c>lo</c> and waits up to 1 s for the kernel's reset.</summary>
    public void Send(Frame frame)
    {
        Guard.NotNull(frame);
        var segment = TcpSegment.From(frame) ?? throw new LabArgumentException("The frame carries no TCP segment: build one with SegmentForge.Build.", nameof(frame));
        var injector = Injector();
        if (segment.Destination.Port != Port)
            throw new LabArgumentException($"Send the segment to port {Port}, where the capture looks; it goes to {segment.Destination.Port}.", nameof(frame));
        injector.Send(frame);
        _forged.Add(segment);
        Wire.WaitFor(s => s.IsRst && s.Destination.Equals(segment.Source), AnswerWait);
    }

    /// <summary>Injects <paramref name="frame"/>, an IPv4 segment, with a capture of its own on its destination port: was it seen on <c>lo</c>, did anything answer, did the martian-destination count rise?</summary>
    public MartianProbe SendOverIpv4(Frame frame)
    {
        Guard.NotNull(frame);
        var segment = TcpSegment.From(frame) ?? throw new LabArgumentException("The frame carries no TCP segment: build one with SegmentForge.Build.", nameof(frame));
        var injector = Injector();
        if (segment.Destination.AddressFamily != AddressFamily.InterNetwork)
            throw new LabArgumentException($"This is the IPv4 probe; the segment goes to {segment.Destination}.", nameof(frame));
        using var capture = LiveCapture.Start("lo", segment.Destination.Port);
        var before = RouteStatistics.MartianDestinations();
        injector.Send(frame);
        var seen = capture.WaitFor(frames => TcpSegment.From(frames).Any(s => !s.IsRst), AnswerWait);
        var answered = capture.WaitFor(frames => TcpSegment.From(frames).Any(s => s.IsRst), TimeSpan.FromMilliseconds(300));
        return Ipv4 = new MartianProbe(segment, seen, answered, RouteStatistics.MartianDestinations() - before);
    }

    /// <summary>Reads the counters, then closes the capture and the injector.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (_before is not null)
                Counters = [new HostCounters("this machine", "host", _before.To(CounterSnapshot.Take()))];
        }
        finally
        {
            Wire.Dispose();
            _injector?.Dispose();
        }
    }

    /// <summary>Each non-reset segment from the client side of <paramref name="packets"/>, paired with the first reset its connection drew and the reset the rule demands.</summary>
    public static IReadOnlyList<ForgedAnswer> AnswersIn(PacketTable packets)
    {
        Guard.NotNull(packets);
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

    SegmentInjector Injector()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _injector ?? throw new InvalidOperationException($"Segments cannot be injected here: {Reason}");
    }
}

/// <summary>One forged segment, the kernel's reset and the rule's.</summary>
/// <param name="Segment">The forged segment's row.</param>
/// <param name="Reset">The kernel's reset (null if none came).</param>
/// <param name="Expected">What RFC 9293 §3.10.7.1 demands.</param>
/// <param name="FollowsRule">True when the kernel's reset is exactly the expected one.</param>
public sealed record ForgedAnswer(PacketRow Segment, PacketRow? Reset, Evidence.ExpectedSegment Expected, bool FollowsRule);

/// <summary>A forged IPv4 segment for 127.0.0.1 put on <c>lo</c>, and what became of it.</summary>
/// <param name="Segment">The segment as built.</param>
/// <param name="Captured">True when the capture saw it cross <c>lo</c>.</param>
/// <param name="Answered">True when any reset came back (Linux sends none: it drops the packet before TCP sees it).</param>
/// <param name="MartianDrops">How much the kernel's "martian destination" count (<c>in_martian_dst</c>) rose meanwhile.</param>
public sealed record MartianProbe(TcpSegment Segment, bool Captured, bool Answered, long MartianDrops);
