using RstLab.Kernel;
using RstLab.Capture;
using RstLab.Scenarios;

namespace RstLab.Tests;

[Collection("live")]
public sealed class LiveOverflowTests
{
    [LiveFact]
    public void It_resets_clients_of_a_full_accept_queue()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);

        var run = AcceptQueueOverflow.Run("test-overflow");

        Assert.True(run.Ran, run.Reason);
        Assert.True(run.Wire.IsLive, run.Wire.Unavailable);
        Assert.StartsWith("Live capture on lo in network namespace rstlab-", run.Wire.Origin);   // not this machine's lo
        Assert.Equal(6, run.Clients.Count);
        Assert.Contains(run.Clients, c => c.WasReset);
        Assert.True(run.Counters!["ListenOverflows"] >= 1, $"ListenOverflows moved by {run.Counters["ListenOverflows"]}");
        Assert.True(run.Counters["EmbryonicRsts"] >= 1, $"EmbryonicRsts moved by {run.Counters["EmbryonicRsts"]}");
        Assert.Contains(run.Wire.Packets.Rsts, r => r.Segment.Source.Port == AcceptQueueOverflow.Port);
        Assert.Equal(TcpState.Listen, run.Listener?.State);
    }
}
