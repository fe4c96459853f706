using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Sockets;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>The library's capture under a burst of 10^5 segments on <c>lo</c>: what it captured and dropped for several buffer sizes, and
/// packet for packet against tcpdump capturing the same runs. It asserts accounting and equality, never speed.</summary>
[Collection("live")]
[Trait("Category", "Benchmark")]
public sealed class CaptureBurstBenchmark(ITestOutputHelper output)
{
    const int Segments = 100_000;
    const int ComparisonBuffer = 1 << 30;
    static readonly int?[] Buffers = [2 << 20, 8 << 20, null, 256 << 20, ComparisonBuffer];

    [BenchmarkFact]
    public void It_accounts_for_every_packet_of_a_burst_whatever_the_buffer()
    {
        var burst = Burst.Build(Segments);
        output.WriteLine($"burst: {Segments} forged [P.] segments injected by SegmentInjector on lo to ::1 port {burst.Port} (nobody listens: each draws one [R]); " +
            "capture filter on that port, so it sees up to 2 x 10^5 packets");
        output.WriteLine(BurstRun.Header);
        var runs = Buffers.Select(b => burst.Run(b)).ToList();
        foreach (var run in runs)
            output.WriteLine(run.ToString());
        output.WriteLine("ps_recv counts each packet twice on lo (leaving and arriving; libpcap keeps the arriving copy), ps_drop either copy; " +
            "backlog: the kernel's input-queue drops (softnet_stat) meanwhile; OutRsts: the kernel's reset counter meanwhile (machine-wide)");
        Assert.All(runs, r => Assert.True(r.Accounted, $"{r.Buffer}: captured {r.Frames.Count}, dropped {r.Statistics.Dropped}, but {r.Crossed} crossed (ps_recv {r.Statistics.Received} / 2)"));
        Assert.All(runs, r => Assert.True(r.MatchesKernel, $"{r.Buffer}: {r.Crossed} crossed, but {r.Sent} were sent ({r.BacklogDrops} dropped in the backlog) and {r.OutRsts} resets counted"));
    }

    // tcpdump's default (TPACKET_V3, 2 MiB) kept up with the burst in a trial; 256 MiB leaves no doubt.
    const int TcpdumpBufferKiB = 256 * 1024;

    [BenchmarkFact]
    public void It_captures_the_burst_packet_for_packet_as_tcpdump_does()
    {
        var burst = Burst.Build(Segments);
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "burst.pcap");
        BurstRun run;
        IReadOnlyList<Frame> dumped;
        using (var tcpdump = Tcpdump.Start(file, LiveCapture.FilterFor([burst.Port]), TcpdumpBufferKiB, immediate: false))
        {
            run = burst.Run(ComparisonBuffer);
            dumped = tcpdump.Stop();
            output.WriteLine($"burst of {burst.Count} segments at {run.PacketsPerSecond:0} packets/s with tcpdump beside: library ({run.Buffer} buffer) captured {run.Frames.Count}, ps_drop {run.Statistics.Dropped}; " +
                $"tcpdump (-B {TcpdumpBufferKiB} KiB) captured {tcpdump.Counts.Captured}, received by filter {tcpdump.Counts.Received}, dropped by kernel {tcpdump.Counts.Dropped}");
            Assert.Equal(0, tcpdump.Counts.Dropped);
        }
        var comparison = FrameComparison.Of(run.Frames, dumped);
        output.WriteLine($"burst: {comparison}");
        // Every frame the library has is tcpdump's, in order, byte for byte and at the same time; any it lacks libpcap counted as dropped.
        Assert.Equal(0, comparison.Extra);
        Assert.Equal(comparison.Matched, comparison.WithinTolerance);
        Assert.InRange(comparison.Missing, 0L, run.Statistics.Dropped);
        if (run.Statistics.Dropped == 0)
            Assert.True(comparison.Identical, comparison.ToString());
    }

    [BenchmarkFact]
    public void It_captures_notebook_experiments_packet_for_packet_as_tcpdump_does()
    {
        var runs = BenchmarkFactAttribute.Runs!.Value;
        using var temp = new TempFolder();
        var results = new List<(string Name, FrameComparison Comparison)>();
        for (var i = 0; i < runs; i++)
        {
            results.Add(("01 refusal latency (20 refused connects)", Beside(temp, "latency", null, port =>
            {
                for (var attempt = 0; attempt < 20; attempt++)
                    Lab.TryConnect(port);
            })));
            var server = Lab.Listen();
            using (server)
                results.Add(("00 baseline (hello, FIN both ways)", Beside(temp, "baseline", server, port => Baseline(server, port))));
        }
        foreach (var group in results.GroupBy(r => r.Name))
        {
            var all = group.Select(g => g.Comparison).ToList();
            output.WriteLine($"{group.Key}, {all.Count} runs: {all.Count(c => c.Identical)}/{all.Count} identical, {all.Sum(c => c.Matched)}/{all.Sum(c => Math.Max(c.Library, c.Tcpdump))} frames identical in bytes, " +
                $"{all.Sum(c => c.SameMicrosecond)} with equal microsecond timestamps, largest timestamp gap {all.Max(c => c.LargestGap).TotalMicroseconds:0} µs");
        }
        Assert.All(results, r => Assert.True(r.Comparison.Identical, $"{r.Name}: {r.Comparison}"));
    }

    /// <summary>Runs one notebook-like experiment on <paramref name="server"/>'s port (or an unused one) with Lab.Capture and tcpdump on the same filter, and compares what both recorded.</summary>
    static FrameComparison Beside(TempFolder temp, string name, Socket? server, Action<int> experiment)
    {
        var port = server is null ? Lab.UnusedPort() : ((IPEndPoint)server.LocalEndPoint!).Port;
        using var tcpdump = Tcpdump.Start(Path.Combine(temp.Path, $"{name}-{port}.pcap"), LiveCapture.FilterFor([port]), 32768, immediate: true);
        var wire = Lab.Capture(name, port);
        using (wire)
            experiment(port);
        return FrameComparison.Of(wire.Frames, tcpdump.Stop());
    }

    static void Baseline(Socket server, int port)
    {
        using var client = Lab.Connect(port);
        using var accepted = Lab.Accept(server);
        client.Send("hello"u8);
        accepted.Receive(new byte[16]);
        client.Shutdown(SocketShutdown.Send);
        accepted.Receive(new byte[16]);
        accepted.Shutdown(SocketShutdown.Send);
        client.Receive(new byte[16]);
    }
}
