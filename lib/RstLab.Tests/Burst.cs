using System.Diagnostics;
using System.Globalization;
using System.Net;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>A burst of forged segments injected on <c>lo</c> to a port of ::1 where nobody listens (each draws one RST from the kernel),
/// captured by the library's <see cref="LiveCapture"/> with a given buffer, optionally with tcpdump beside it on the same filter.</summary>
sealed class Burst
{
    readonly IReadOnlyList<Frame> _frames;

    Burst(int port, IReadOnlyList<Frame> frames)
    {
        Port = port;
        _frames = frames;
    }

    /// <summary>The ::1 port the segments go to (nobody listens there) and the capture filters on.</summary>
    public int Port { get; }

    /// <summary>How many segments one run injects.</summary>
    public int Count => _frames.Count;

    /// <summary>Builds <paramref name="count"/> segments [P.] with 5 bytes each, from one ::1 port to another where nobody listens; built before any clock starts.
    /// Each has its own SEG.SEQ and SEG.ACK, so each segment and each reset (seq = SEG.ACK) is a distinct frame.</summary>
    public static Burst Build(int count)
    {
        var port = Loopback.UnusedPort(IPAddress.IPv6Loopback);
        var to = new IPEndPoint(IPAddress.IPv6Loopback, port);
        var from = new IPEndPoint(IPAddress.IPv6Loopback, Loopback.UnusedPort(IPAddress.IPv6Loopback));
        var hello = "hello"u8.ToArray();
        var frames = Enumerable.Range(0, count)
            .Select(i => SegmentForge.Build(from, to, TcpFlags.Psh | TcpFlags.Ack, sequence: (uint)(1000 + 5 * i), acknowledgment: (uint)(7000 + i), payload: hello))
            .ToList();
        return new Burst(port, frames);
    }

    /// <summary>One run: capture (the library's default buffer when <paramref name="bufferBytes"/> is null), inject every segment as fast as one thread can, let the wire settle, stop, count.</summary>
    public BurstRun Run(int? bufferBytes, Tcpdump? beside = null)
    {
        var softnetBefore = SoftnetDrops();
        var before = CounterSnapshot.Take();
        var capture = bufferBytes is null ? LiveCapture.Start("lo", Port) : LiveCapture.Start("lo", [Port], bufferBytes.Value);
        TimeSpan sending;
        int settled;
        using (capture)
        using (var injector = SegmentInjector.Open("lo"))
        {
            var clock = Stopwatch.StartNew();
            foreach (var frame in _frames)
                injector.Send(frame);
            sending = clock.Elapsed;
            capture.Settle(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(60));
            settled = capture.Frames.Count;
            capture.Stop();
        }
        var frames = capture.Frames;
        var segments = TcpSegment.From(frames);
        return new BurstRun(bufferBytes, Count, sending, frames, frames.Count - settled,
            segments.Count(s => s.Destination.Port == Port && !s.IsRst), segments.Count(s => s.Source.Port == Port && s.IsRst),
            capture.Statistics, before.To(CounterSnapshot.Take())["OutRsts"], SoftnetDrops() - softnetBefore);
    }

    /// <summary>Packets the kernel dropped before any capture could see them (its per-CPU input backlog was full): /proc/net/softnet_stat, column 2, summed.</summary>
    static long SoftnetDrops() =>
        File.ReadAllLines("/proc/net/softnet_stat").Sum(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.HexNumber));
}

/// <summary>What one burst run sent, captured and dropped.</summary>
sealed record BurstRun(int? BufferBytes, int Sent, TimeSpan Sending, IReadOnlyList<Frame> Frames, int ReadAtStop, int ForgedCaptured, int RstsCaptured,
    CaptureStatistics Statistics, long OutRsts, long BacklogDrops)
{
    public string Buffer => BufferBytes is null ? $"default ({LiveCapture.DefaultBufferBytes / (1 << 20)} MiB)" : $"{BufferBytes / (1 << 20)} MiB";

    public double PacketsPerSecond => Sent / Sending.TotalSeconds;

    /// <summary>Packets that crossed <c>lo</c> on the filter: the kernel shows libpcap each one twice (leaving and arriving) and libpcap keeps the arriving copy.</summary>
    public long Crossed => Statistics.Received / 2;

    /// <summary>libpcap's accounting: every packet that crossed was captured, or one of its two copies was counted as dropped.</summary>
    public bool Accounted => Statistics.Received % 2 == 0 && Frames.Count <= Crossed && Frames.Count + Statistics.Dropped >= Crossed;

    /// <summary>The kernel's side: what crossed is the forged segments that got past the input backlog, plus resets it counted.</summary>
    public bool MatchesKernel => Crossed >= Sent - BacklogDrops && Crossed <= Sent + OutRsts;

    public override string ToString() =>
        $"{Buffer,-16} {Sent,7} {Sending.TotalMilliseconds,7:0} {PacketsPerSecond,9:0} {ForgedCaptured,8} {RstsCaptured,8} {Frames.Count,8} " +
        $"{ReadAtStop,7} {Statistics.Received,8} {Statistics.Dropped,8} {Statistics.InterfaceDropped,6} {OutRsts,8} {BacklogDrops,7}";

    public const string Header =
        "buffer              sent  ms sent  packets/s   forged     RSTs captured at stop  ps_recv  ps_drop ifdrop  OutRsts backlog";
}
