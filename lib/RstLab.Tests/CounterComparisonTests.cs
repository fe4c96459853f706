using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class CounterComparisonTests
{
    static CounterDelta Delta(long outRsts, long onData, long onClose) =>
        Snapshot(0, 0, 0).To(Snapshot(outRsts, onData, onClose));

    static CounterSnapshot Snapshot(long outRsts, long onData, long onClose) => CounterSnapshot.Parse(
        $"Tcp: OutRsts EstabResets\nTcp: {10 + outRsts} 4\n",
        $"TcpExt: TCPAbortOnData TCPAbortOnClose\nTcpExt: {20 + onData} {30 + onClose}\n");

    [Fact]
    public void It_puts_each_run_in_a_column_and_each_counter_in_a_row()
    {
        var comparison = CounterComparison.Of([("linger 0", Delta(1, 1, 0)), ("unread", Delta(1, 0, 1))], isPrivate: true, "OutRsts", "TCPAbortOnData", "TcpExt.TCPAbortOnClose");

        Assert.Equal(["linger 0", "unread"], comparison.Runs);
        Assert.Equal(["Tcp.OutRsts", "TcpExt.TCPAbortOnData", "TcpExt.TCPAbortOnClose"], comparison.Rows.Select(r => r.Counter));
        Assert.Equal([1L, 0L], comparison.Rows[1].Deltas);
        Assert.Equal(1, comparison["TCPAbortOnClose", "unread"]);
        Assert.Equal(0, comparison["TcpExt.TCPAbortOnClose", "linger 0"]);
        Assert.Contains("SO_LINGER", comparison.Rows[1].Explanation);
        Assert.True(comparison.Private);
    }

    [Fact]
    public void It_names_what_it_does_not_know()
    {
        var comparison = CounterComparison.Of([("linger 0", Delta(1, 1, 0))], isPrivate: false, "OutRsts");

        Assert.Contains("runs are linger 0", Assert.Throws<KeyNotFoundException>(() => comparison["OutRsts", "graceful"]).Message);
        Assert.Contains("counters are Tcp.OutRsts", Assert.Throws<KeyNotFoundException>(() => comparison["EstabResets", "linger 0"]).Message);
        Assert.Throws<KeyNotFoundException>(() => CounterComparison.Of([("x", Delta(0, 0, 0))], false, "NoSuchCounter"));
    }

    [Fact]
    public void It_wants_runs_and_counters()
    {
        Assert.Throws<LabArgumentException>(() => CounterComparison.Of([], false, "OutRsts"));
        Assert.Throws<LabArgumentException>(() => CounterComparison.Of([("x", Delta(0, 0, 0))], false));
    }
}
