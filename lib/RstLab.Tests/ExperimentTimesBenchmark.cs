using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Scenarios;
using RstLab.Sockets;
using Xunit.Abstractions;

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
        var bench = CloseBench.Open();   // the notebooks 02 and 03 open one bench and run their closes in it
        using (bench)
        {
            var rows = Experiments(bench).Select(e => Measure(e, runs)).ToList();
            output.WriteLine($"each experiment {runs} times, as its notebook cell calls it (ms: min / median / max); close experiments in {(bench.IsPrivate ? "a private namespace" : "the host's loopback")}");
            output.WriteLine($"{"notebook",-17} {"experiment",-52} {"min",8} {"median",8} {"max",8}  outcome (runs)");
            foreach (var r in rows)
                output.WriteLine($"{r.Experiment.Notebook,-17} {r.Experiment.Name,-52} {r.Min,8:0.0} {r.Median,8:0.0} {r.Max,8:0.0}  {r.Outcomes}");
            // What a benchmark may assert: every run measured the live experiment, not a recording standing in for it.
            Assert.All(rows, r => Assert.True(r.AllLive, $"{r.Experiment.Notebook} {r.Experiment.Name}: not every run was live"));
        }
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

    internal static IEnumerable<Experiment> Experiments(CloseBench bench) =>
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
            var overflow = AcceptQueueOverflow.Run("01-overflow");
            return new Run(overflow.Ran && overflow.Wire.IsLive, $"{overflow.Clients.Count(c => c.WasReset)} reset", overflow.Wire.Packets);
        }),
        new("02-abort", "CloseBench.Open + Dispose (namespace)", () => { using var b = CloseBench.Open(); return new Run(b.IsPrivate, b.IsPrivate ? "private" : "host"); }),
        new("02-abort", "graceful close (FIN)", () => Graceful(bench)),
        new("02-abort", "abortive close (SO_LINGER {on, 0})", () => Abortive(bench)),
        new("02-abort", "close with unread data", () => Unread(bench)),
        new("02-abort", "unread data + linger 0", () => UnreadLinger(bench)),
        new("03-closed-peer", "writes after the peer closed (3 writes)", () => ClosedPeer(bench)),
        new("03-closed-peer", "ClosedPeerWrites.AfterClose(2, read)", () => new Run(true, ClosedPeerWrites.AfterClose(writes: 2, receiveAfterFirstWrite: true).ErrnoSequence)),
        new("03-closed-peer", "unread data: 10 writes, close, 3 writes", () => UnreadData(bench)),
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

    static Run Graceful(CloseBench bench)
    {
        var graceful = bench.Start("02-graceful");
        using (graceful)
        using (var client = graceful.Connect())
        using (var server = graceful.Accept())
        {
            client.Send("hello"u8);
            server.Receive(new byte[16]);
            server.Close();
            graceful.PeerSaw(SocketOutcome.Of("recv()", () => client.Receive(new byte[16])));
        }
        return new Run(graceful.Wire.IsLive, Flags(graceful.Wire.Packets));
    }

    static Run Abortive(CloseBench bench)
    {
        var abortive = bench.Start("02-abort");
        using (abortive)
        using (var client = abortive.Connect())
        using (var server = abortive.Accept())
        {
            client.Send("hello"u8);
            server.Receive(new byte[16]);
            server.LingerState = new LingerOption(true, 0);
            server.Close();
            abortive.PeerSaw(
                SocketOutcome.Of("recv()", () => client.Receive(new byte[16])),
                SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)));
        }
        return new Run(abortive.Wire.IsLive, string.Join(", ", abortive.PeerCalls.Select(c => c.Error)), abortive.Wire.Packets);
    }

    static Run Unread(CloseBench bench)
    {
        var unread = bench.Start("02-unread");
        using (unread)
        using (var client = unread.Connect())
        using (var server = unread.Accept())
        {
            client.Send("hello"u8);
            server.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead);
            unread.Sockets();
            server.Close();
            unread.PeerSaw(
                SocketOutcome.Of("recv()", () => client.Receive(new byte[16])),
                SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)));
        }
        return new Run(unread.Wire.IsLive, string.Join(", ", unread.PeerCalls.Select(c => c.Error)), unread.Wire.Packets);
    }

    static Run UnreadLinger(CloseBench bench)
    {
        var both = bench.Start("02-unread-linger");
        using (both)
        using (var client = both.Connect())
        using (var server = both.Accept())
        {
            client.Send("hello"u8);
            server.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead);
            server.LingerState = new LingerOption(true, 0);
            server.Close();
        }
        return new Run(both.Wire.IsLive, Flags(both.Wire.Packets), both.Wire.Packets);
    }

    static Run ClosedPeer(CloseBench bench)
    {
        var closed = bench.Start("03-closed-peer");
        using (closed)
        using (var client = closed.Connect())
        using (var server = closed.Accept())
        {
            server.Close();
            closed.SocketsWhen(s => s.State == TcpState.FinWait2);
            var chunk = new byte[5000];
            closed.PeerSaw(
                SocketOutcome.Of("write #1 (5000 bytes)", () => client.Send(chunk)),
                SocketOutcome.Of("write #2 (5000 bytes)", () => client.Send(chunk)),
                SocketOutcome.Of("write #3 (5000 bytes)", () => client.Send(chunk)),
                SocketOutcome.Of("recv()", () => client.Receive(chunk)));
        }
        return new Run(closed.Wire.IsLive, string.Join(", ", closed.PeerCalls.Select(c => c.Error)), closed.Wire.Packets);
    }

    static Run UnreadData(CloseBench bench)
    {
        var unread = bench.Start("03-unread-data");
        using (unread)
        using (var client = unread.Connect())
        using (var server = unread.Accept())
        {
            var chunk = new byte[5000];
            for (var i = 1; i <= 10; i++)
                unread.PeerSaw(SocketOutcome.Of($"write #{i} (5000 bytes)", () => client.Send(chunk)));
            unread.SocketsWhen(s => s.ReceiveQueue == 50000);
            SocketOutcome.Of("server: recv()", () => server.Receive(chunk));
            unread.Sockets();
            server.Close();
            client.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead);
            unread.PeerSaw(
                SocketOutcome.Of("write #11 (5000 bytes)", () => client.Send(chunk)),
                SocketOutcome.Of("write #12 (5000 bytes)", () => client.Send(chunk)),
                SocketOutcome.Of("write #13 (5000 bytes)", () => client.Send(chunk)),
                SocketOutcome.Of("recv()", () => client.Receive(chunk)));
        }
        return new Run(unread.Wire.IsLive, string.Join(", ", unread.PeerCalls.Skip(10).Select(c => c.Error)), unread.Wire.Packets);
    }

    static Run Reboot()
    {
        var reboot = RebootedPeer.Start("04-reboot");
        using (reboot)
            if (reboot.Live)
            {
                var listener = reboot.Server.Listen(8000);
                var client = reboot.Client.Connect(Namespaces.TwoHosts.ServerAddress, 8000);
                var server = reboot.Server.Accept(listener);
                reboot.Exchanged(
                    SocketOutcome.Of("client send(5 bytes)", () => client.Send("hello"u8)),
                    SocketOutcome.Of("server recv()", () => server.Receive(new byte[64])),
                    SocketOutcome.Of("server send(5 bytes)", () => server.Send("world"u8)),
                    SocketOutcome.Of("client recv()", () => client.Receive(new byte[64])));
                reboot.CrashServer();
                reboot.RebootServer();
                reboot.Server.Listen(8000);
                reboot.ClientSaw(
                    SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)),
                    SocketOutcome.Of("poll(readable, 2 s)", () => client.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead) ? 1 : 0),
                    SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)),
                    SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)));
            }
        return new Run(reboot.Live && reboot.Wire.IsLive, string.Join(", ", reboot.Sequence), reboot.Wire.Packets);
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
                vanish.Exchanged(
                    SocketOutcome.Of("client send(5 bytes)", () => client.Send("hello"u8)),
                    SocketOutcome.Of("server recv()", () => server.Receive(new byte[64])));
                server.Set(SocketOption.TCP_REPAIR, 1);
                server.Close();
                vanish.ClientSaw(
                    SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)),
                    SocketOutcome.Of("poll(readable, 2 s)", () => client.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead) ? 1 : 0),
                    SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)),
                    SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)));
            }
        return new Run(vanish.Live && vanish.Wire.IsLive, string.Join(", ", vanish.Sequence), vanish.Wire.Packets);
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
                keepalive.Exchanged(
                    SocketOutcome.Of("client send(5 bytes)", () => client.Send("hello"u8)),
                    SocketOutcome.Of("server recv()", () => server.Receive(new byte[64])),
                    SocketOutcome.Of("server send(5 bytes)", () => server.Send("world"u8)),
                    SocketOutcome.Of("client recv()", () => client.Receive(new byte[64])));
                keepalive.CrashServer();
                keepalive.RebootServer();
                keepalive.Server.Listen(8000);
                keepalive.ClientSaw(
                    SocketOutcome.Of("poll(readable, 6 s)", () => client.Poll(TimeSpan.FromSeconds(6), SelectMode.SelectRead) ? 1 : 0),
                    SocketOutcome.Of("recv()", () => client.Receive(new byte[64])),
                    SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)));
            }
        return new Run(keepalive.Live && keepalive.Wire.IsLive, string.Join(", ", keepalive.Sequence), keepalive.Wire.Packets);
    }
}
