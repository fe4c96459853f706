using RstLab.Scenarios;
using RstLab.Tracing;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>Each experiment of 01–04, called as its notebook cell calls it, with the kernel's traced reason for every reset its kernel sent.</summary>
[Collection("live")]
public sealed class LiveResetReasonTests(ITestOutputHelper output)
{
    // The reasons this kernel (6.18) gives, in the order of the experiment's resets (see /work/shared/RESETS.md and each notebook).
    static readonly Dictionary<string, RstReason[]> Expected = new()
    {
        ["refusal: capture + TryConnect"] = [RstReason.NO_SOCKET],
        ["closed listener: listen, close, TryConnect"] = [RstReason.NO_SOCKET],
        ["accept-queue overflow (namespace)"] = [RstReason.INVALID_SYN, RstReason.TCP_STATE],
        ["abortive close (SO_LINGER {on, 0})"] = [RstReason.TCP_STATE],
        ["close with unread data"] = [RstReason.TCP_ABORT_ON_CLOSE],
        ["unread data + linger 0"] = [RstReason.TCP_ABORT_ON_CLOSE],
        ["writes after the peer closed (3 writes)"] = [RstReason.TCP_TIMEWAIT_SOCKET],
        ["unread data: 10 writes, close, 3 writes"] = [RstReason.TCP_ABORT_ON_CLOSE],
        ["reboot (two namespaces, crash, reboot)"] = [RstReason.TCP_FLAGS],
        ["vanish (TCP_REPAIR on loopback)"] = [RstReason.TCP_FLAGS],
        ["forged segments (IPv4 martian + 2 on ::1)"] = [RstReason.NO_SOCKET],
        ["keepalive finds the rebooted peer"] = [RstReason.TCP_FLAGS],
    };

    [LiveFact]
    public void It_traces_the_kernels_reason_for_every_reset_of_each_experiment_and_leaves_no_trace_instance()
    {
        using var _ = new EnvironmentVariable(Capture.Recordings.RecordVariable, null);
        Assert.Null(ResetTrace.Problem());
        foreach (var experiment in ExperimentTimesBenchmark.Experiments().Where(e => Expected.ContainsKey(e.Name)))
        {
            var run = experiment.Once();
            Assert.True(run.Live, $"{experiment.Name} did not run live");
            var rsts = run.Packets!.Rsts.ToList();
            output.WriteLine($"{experiment.Notebook} {experiment.Name}: {string.Join("; ", rsts.Select(r => $"#{r.Number} [{r.Flags}] {r.Kernel?.ToString() ?? "no trace event"}"))}");
            Assert.All(rsts, r => Assert.NotNull(r.Kernel));
            Assert.Equal(Expected[experiment.Name], rsts.Select(r => r.Reason!.Value).Distinct());
        }
        Assert.Empty(Instances());
    }

    internal static IEnumerable<string> Instances() =>
        Directory.EnumerateDirectories(Path.Combine(ResetTrace.Root, "instances"), $"{ResetTrace.Prefix}{Environment.ProcessId}-*");
}
