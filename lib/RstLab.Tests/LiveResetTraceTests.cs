using System.Diagnostics;
using RstLab.Tracing;

namespace RstLab.Tests;

[Collection("live")]
public sealed class LiveResetTraceTests
{
    [LiveFact]
    public void It_traces_in_an_instance_of_its_own_and_removes_it_on_dispose()
    {
        var port = Lab.UnusedPort();
        var trace = ResetTrace.Start([port]);
        using (trace)
        {
            Assert.Equal("[tai]", File.ReadAllText(Path.Combine(trace.Instance, "trace_clock")).Split(' ').Single(c => c.StartsWith('[')).Trim());
            Assert.Equal("1", File.ReadAllText(Path.Combine(trace.Instance, "events/tcp/tcp_send_reset/enable")).Trim());
            Assert.Equal("0", File.ReadAllText(Path.Combine(trace.Instance, "events/sched/sched_switch/enable")).Trim());
            Lab.TryConnect(port);
            var sent = Assert.Single(trace.Read(), e => e.Direction == ResetDirection.Sent);
            Assert.Equal((port, RstReason.NO_SOCKET), (sent.Source.Port, sent.Reason));
            Assert.True((DateTimeOffset.UtcNow - sent.Time).Duration() < TimeSpan.FromSeconds(2), $"traced at {sent.Time:O}, now {DateTimeOffset.UtcNow:O}");
            Assert.All(trace.Read(), e => Assert.True(e.Source.Port == port || e.Destination.Port == port));
        }
        Assert.False(Directory.Exists(trace.Instance), $"{trace.Instance} is still there");
    }

    /// <summary>In a time namespace (a container's, here unshare's) CLOCK_MONOTONIC is not the kernel's own, and a trace clock converted
    /// through it misplaced every event by the namespace's offset (an hour here) and matched no reset: the reasons must still be shown.</summary>
    [LiveFact]
    public void It_matches_each_reset_to_its_event_when_the_lab_runs_in_a_time_namespace()
    {
        var run = Command.Run("unshare", "--time --monotonic 3600 --fork dotnet run apps/01-no-listener.cs", Notebooks.Root, TimeSpan.FromMinutes(5));
        Assert.True(run.Code == 0, $"01-no-listener in a time namespace exited {run.Code}:\n{run.Output}\n{run.Error}");
        Assert.Contains("✓ no listener: the kernel traced reason NO_SOCKET for its reset (NO_SOCKET (no socket))", run.Output);
    }

    [LiveFact]
    public void It_removes_the_trace_instances_of_a_killed_process_at_the_next_start()
    {
        using var gone = Process.Start("true")!;
        gone.WaitForExit();
        var stale = Path.Combine(ResetTrace.Root, "instances", $"{ResetTrace.Prefix}{gone.Id}-1");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "events/tcp/tcp_send_reset/enable"), "1");   // as a killed kernel leaves it: tracing
        var mine = ResetTrace.Start([Lab.UnusedPort()]);
        using (mine)
        {
            var left = Leftovers.Clean();

            Assert.Contains($"{ResetTrace.Prefix}{gone.Id}-1", left.TraceInstances);
            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(mine.Instance), "a live process's instance was removed");
            Assert.Contains("trace instance", left.ToString());
        }
    }
}
