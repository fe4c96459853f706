using RstLab.Capture;
using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>Notebook 01's accept-queue overflow, its calls as the cell makes them, live in the lab's own namespace.</summary>
[Collection("live")]
public sealed class LiveOverflowTests
{
    [LiveFact]
    public void It_resets_clients_of_a_full_accept_queue()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);

        var (run, queue) = NotebookExperiments.Overflow("test-overflow");

        Assert.True(run.IsLive && run.IsPrivate, run.ToString());
        Assert.StartsWith("Live capture on lo in network namespace rstlab-", run.Wire.Origin);   // not this machine's lo
        Assert.Equal(6, run.Client.Count(c => c.Call.Contains(".Connect(", StringComparison.Ordinal)));
        Assert.Contains(run.Client, c => c.Is(Errno.ECONNRESET));
        Assert.True(Expect.Moved("ListenOverflows", "EmbryonicRsts").IsMetBy(run.Counters!), run.Counters!.ToString());
        Assert.Contains(run.Wire.Packets.Rsts, r => r.Segment.Source.Port == 8000);
        Assert.Equal(TcpState.Listen, Assert.Single(queue).State);
    }
}
