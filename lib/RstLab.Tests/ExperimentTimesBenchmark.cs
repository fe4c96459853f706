using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Scenarios;
using RstLab.Sockets;
using Xunit.Abstractions;
using Close = RstLab.Tests.NotebookExperiments.Close;

namespace RstLab.Tests;

/// <summary>How long each experiment of the course takes, called through the library exactly as its notebook cell calls it, run
/// <c>RSTLAB_BENCH_RUNS</c> times: min, median and max. It prints figures; it asserts only that every run was live, never a duration.</summary>
[Collection("live")]
[Trait("Category", "Benchmark")]
public sealed class ExperimentTimesBenchmark(ITestOutputHelper output)
{
    /// <summary>One experiment: its notebook, what it is, and one run that says whether it ran live and what it saw.</summary>
    internal sealed record Experiment(string Notebook, string Name, Func<Run> Once);

    /// <summary>What one run saw: live or not, a short outcome (flags or errors) to show the runs agree, and the experiment's packets (for its resets' reasons).</summary>
    internal sealed record Run(bool Live, string Outcome, PacketTable? Packets = null);

    [BenchmarkFact]
    public void It_reports_min_median_and_max_of_every_experiment()
    {
        var runs = BenchmarkFactAttribute.Runs!.Value;
        var rows = Experiments().Select(e => Measure(e, runs)).ToList();
        output.WriteLine($"each experiment {runs} times, as its notebook cell calls it (ms: min / median / max); each close in a namespace of its own");
        output.WriteLine($"{"notebook",-17} {"experiment",-52} {"min",8} {"median",8} {"max",8}  outcome (runs)");
        foreach (var r in rows)
            output.WriteLine($"{r.Experiment.Notebook,-17} {r.Experiment.Name,-52} {r.Min,8:0.0} {r.Median,8:0.0} {r.Max,8:0.0}  {r.Outcomes}");
        // What a benchmark may assert: every run measured the live experiment, not a recording standing in for it.
        Assert.All(rows, r => Assert.True(r.AllLive, $"{r.Experiment.Notebook} {r.Experiment.Name}: not every run was live"));
    }

    internal static (Experiment Experiment, double Min, double Median, double Max, bool AllLive, string Outcomes) Measure(Experiment experiment, int runs)
    {
        var times = new List<double>();
        var seen = new List<Run>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            seen.Add(experiment.Once());
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        var outcomes = string.Join("; ", seen.GroupBy(r => r.Outcome).Select(g => $"{g.Key} ({g.Count()})"));
        return (experiment, times[0], median, times[^1], seen.All(r => r.Live), outcomes);
    }

    static string Flags(PacketTable t) => string.Join(" ", t.Rows.Select(r => r.Flags.ToText()));

    internal static IEnumerable<Experiment> Experiments() =>
    [
        new("(every capture)", "Lab.Capture + Dispose, no packets", () =>
        {
            var wire = Lab.Capture("bench-idle", Lab.UnusedPort());
            using (wire) { }
            return new Run(wire.IsLive, $"{wire.Frames.Count} frames");
        }),
        new("00-lab-check", "probe (Lab.Probe)", () => new Run(true, $"{Lab.Probe().Count(c => c.Available)} of 5 available")),
        new("00-lab-check", "baseline: connect, hello, FIN both ways", Baseline),
        new("01-no-listener", "refusal: capture + TryConnect", Refusal),
        new("01-no-listener", "closed listener: listen, close, TryConnect", ClosedListener),
        new("01-no-listener", "refusal latency: 20 attempts + RefusalLatency", Latency),
        new("01-no-listener", "accept-queue overflow (namespace)", () =>
        {
            var (overflow, _) = NotebookExperiments.Overflow("01-overflow");
            return new Run(overflow.IsLive, $"{overflow.Client.Count(c => c.Is(Errno.ECONNRESET))} reset", overflow.Wire.Packets);
        }),
        new("02-abort", "graceful close (FIN)", () => Closing("02-graceful", Close.Graceful)),
        new("02-abort", "abortive close (SO_LINGER {on, 0})", () => Closing("02-abort", Close.Linger0)),
        new("02-abort", "close with unread data", () => Closing("02-unread", Close.Unread)),
        new("02-abort", "unread data + linger 0", () => Closing("02-unread-linger", Close.UnreadLinger0)),
        new("03-closed-peer", "writes after the peer closed (3 writes)", () => Of(NotebookExperiments.ClosedPeer("03-closed-peer").Run)),
        new("03-closed-peer", "ClosedPeerWrites.AfterClose(2, read)", () => new Run(true, string.Join(", ", ClosedPeerWrites.AfterClose(writes: 2, receiveAfterFirstWrite: true).Steps.Select(s => s.Error)))),
        new("03-closed-peer", "unread data: 10 writes, close, 3 writes", () => Of(NotebookExperiments.UnreadData("03-unread-data").Run, skip: 11)),
        new("03-closed-peer", "SIGPIPE child, default + ignored", () =>
        {
            var sigpipe = new[] { SigPipeChild.Run(), SigPipeChild.Run(ignoreSigPipe: true) };
            return new Run(true, string.Join(", ", sigpipe.Select(s => s.ExitStatus)));
        }),
        new("03-closed-peer", "AfterClose(30) over 4 send buffers", () =>
        {
            int?[] sizes = [null, 4096, 65536, 1048576];
            var byBuffer = sizes.Select(size => ClosedPeerWrites.AfterClose(writes: 30, sendBuffer: size)).ToList();
            return new Run(true, string.Join("/", byBuffer.Select(r => r.Writes.Count(w => w.Succeeded))));
        }),
        new("03-closed-peer", "send-buffer sweep (11 points)", () =>
        {
            var limits = BufferLimits.Read();
            var bySend = SendBufferSweep.OverSendBuffer([4096, 16384, 65536, 262144, 1048576]);
            var autotuned = SendBufferSweep.Fill();
            var byReceive = SendBufferSweep.OverReceiveBuffer([4096, 16384, 65536, 262144, 1048576], sendBuffer: 262144);
            var points = bySend.Append(autotuned).Concat(byReceive).ToList();
            return new Run(limits is not null, points.All(f => f.Accepted == f.SendQueue + f.ReceiveQueue) ? "accepted = Send-Q + Recv-Q" : "MISMATCH");
        }),
        new("04-rebooted-peer", "reboot (two namespaces, crash, reboot)", Reboot),
        new("04-rebooted-peer", "vanish (TCP_REPAIR on loopback)", Vanish),
        new("04-rebooted-peer", "forged segments (IPv4 martian + 2 on ::1)", Forged),
        new("04-rebooted-peer", "keepalive finds the rebooted peer", Keepalive),
    ];

    static Run Baseline()
    {
        var server = Lab.Listen();
        using (server)
        {
            var port = ((IPEndPoint)server.LocalEndPoint!).Port;
            var wire = Lab.Capture("00-baseline", port);
            using (wire)
            using (var client = Lab.Connect(port))
            using (var accepted = Lab.Accept(server))
            {
                client.Send("hello"u8);
                accepted.Receive(new byte[16]);
                client.Shutdown(SocketShutdown.Send);
                accepted.Receive(new byte[16]);
                accepted.Shutdown(SocketShutdown.Send);
                client.Receive(new byte[16]);
            }
            return new Run(wire.IsLive, Flags(wire.Packets));
        }
    }

    static Run Refusal()
    {
        var port = Lab.UnusedPort();
        var before = Lab.Counters();
        var wire = Lab.Capture("01-refused", port);
        SocketOutcome knock;
        using (wire)
            knock = Lab.TryConnect(port);
        _ = before.To(Lab.Counters());
        return new Run(wire.IsLive, $"{knock.Error}: {Flags(wire.Packets)}", wire.Packets);
    }

    static Run ClosedListener()
    {
        int closedPort;
        using (var listener = Lab.Listen())
        {
            closedPort = ((IPEndPoint)listener.LocalEndPoint!).Port;
            Lab.Sockets(closedPort);
        }
        var wireClosed = Lab.Capture("01-closed-listener", closedPort);
        SocketOutcome knockClosed;
        using (wireClosed)
            knockClosed = Lab.TryConnect(closedPort);
        return new Run(wireClosed.IsLive, $"{knockClosed.Error}: {Flags(wireClosed.Packets)}", wireClosed.Packets);
    }

    static Run Latency()
    {
        var port = Lab.UnusedPort();
        var wireRepeat = Lab.Capture("01-latency", port);
        List<SocketOutcome> attempts;
        using (wireRepeat)
            attempts = Enumerable.Range(0, 20).Select(_ => Lab.TryConnect(port)).ToList();
        var latency = RefusalLatency.From(wireRepeat.Packets);
        return new Run(wireRepeat.IsLive, $"{attempts.Count(a => a.Error == SocketError.ConnectionRefused)} refused, {latency.Count} pairs, ps_drop {wireRepeat.Statistics?.Dropped}", wireRepeat.Packets);
    }

    static Run Closing(string name, Close close) => Of(NotebookExperiments.Closing(name, close).Run, skip: 2);

    // The client's errors after the first `skip` calls (connect, hello...): what the notebook's check cell looks at.
    static Run Of(RstLab.Scenarios.Experiment x, int skip = 1) =>
        new(x.IsLive, x.Client.Count > skip ? string.Join(", ", x.Client.Skip(skip).Select(c => c.Error)) : Flags(x.Wire.Packets), x.Wire.Packets);

    static Run Reboot()
    {
        var reboot = RebootedPeer.Start("04-reboot");
        using (reboot)
            if (reboot.Live)
            {
                var listener = reboot.Server.Listen(8000);
                var client = reboot.Client.Connect(Namespaces.TwoHosts.ServerAddress, 8000);
                var server = reboot.Server.Accept(listener);
                reboot.Client.Do(() => client.Send("hello"u8));
                reboot.Server.Do(() => server.Receive(new byte[64]));
                reboot.Server.Do(() => server.Send("world"u8));
                reboot.Client.Do(() => client.Receive(new byte[64]));
                reboot.CrashServer();
                reboot.RebootServer();
                reboot.Server.Listen(8000);
                reboot.Client.Do(() => client.Send("again"u8));
                reboot.Client.Do(() => client.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead) ? 1 : 0);
                reboot.Client.Do(() => client.Send("again"u8));
                reboot.Client.Do(() => client.Send("again"u8));
            }
        return new Run(reboot.Live && reboot.Wire.IsLive, string.Join(", ", RebootedPeerTests.ClientAfter(reboot, healthy: 2).Select(c => c.Error)), reboot.Wire.Packets);
    }

    static Run Vanish()
    {
        var vanish = RebootedPeer.StartOnLoopback("04-vanish");
        using (vanish)
            if (vanish.Live)
            {
                var listener = vanish.Server.Listen(vanish.Port);
                var client = vanish.Client.Connect(IPAddress.Loopback, vanish.Port);
                var server = vanish.Server.Accept(listener);
                vanish.Client.Do(() => client.Send("hello"u8));
                vanish.Server.Do(() => server.Receive(new byte[64]));
                server.Set(SocketOption.TCP_REPAIR, 1);
                server.Close();
                vanish.Client.Do(() => client.Send("again"u8));
                vanish.Client.Do(() => client.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead) ? 1 : 0);
                vanish.Client.Do(() => client.Send("again"u8));
                vanish.Client.Do(() => client.Send("again"u8));
            }
        return new Run(vanish.Live && vanish.Wire.IsLive, string.Join(", ", RebootedPeerTests.ClientAfter(vanish, healthy: 1).Select(c => c.Error)), vanish.Wire.Packets);
    }

    static Run Forged()
    {
        var forged = ForgedSegments.Start("04-forged");
        using (forged)
            if (forged.Live)
            {
                var hello = "hello"u8.ToArray();
                var v4From = new IPEndPoint(IPAddress.Loopback, Lab.UnusedPort());
                var v4To = new IPEndPoint(IPAddress.Loopback, Lab.UnusedPort());
                forged.SendOverIpv4(SegmentForge.Build(v4From, v4To, TcpFlags.Psh, sequence: 1000, payload: hello));
                var nobody = new IPEndPoint(IPAddress.IPv6Loopback, forged.Port);
                var first = new IPEndPoint(IPAddress.IPv6Loopback, Lab.UnusedPort());
                var second = new IPEndPoint(IPAddress.IPv6Loopback, Lab.UnusedPort());
                forged.Send(SegmentForge.Build(first, nobody, TcpFlags.Psh, sequence: 1000, payload: hello));
                forged.Send(SegmentForge.Build(second, nobody, TcpFlags.Psh | TcpFlags.Ack, sequence: 2000, acknowledgment: 7000, payload: hello));
            }
        return new Run(forged.Live && forged.Wire.IsLive, string.Join(", ", forged.Answers.Select(a => $"{a.Segment.Flags} → {a.Reset?.Flags}")), forged.Wire.Packets);
    }

    static Run Keepalive()
    {
        var keepalive = RebootedPeer.Start("04-keepalive");
        using (keepalive)
            if (keepalive.Live)
            {
                var listener = keepalive.Server.Listen(8000);
                var client = keepalive.Client.Connect(Namespaces.TwoHosts.ServerAddress, 8000);
                var server = keepalive.Server.Accept(listener);
                client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1);
                client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
                client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 2);
                keepalive.Client.Do(() => client.Send("hello"u8));
                keepalive.Server.Do(() => server.Receive(new byte[64]));
                keepalive.Server.Do(() => server.Send("world"u8));
                keepalive.Client.Do(() => client.Receive(new byte[64]));
                keepalive.CrashServer();
                keepalive.RebootServer();
                keepalive.Server.Listen(8000);
                keepalive.Client.Do(() => client.Poll(TimeSpan.FromSeconds(6), SelectMode.SelectRead) ? 1 : 0);
                keepalive.Client.Do(() => client.Receive(new byte[64]));
                keepalive.Client.Do(() => client.Send("again"u8));
            }
        return new Run(keepalive.Live && keepalive.Wire.IsLive, string.Join(", ", RebootedPeerTests.ClientAfter(keepalive, healthy: 2).Select(c => c.Error)), keepalive.Wire.Packets);
    }
}
