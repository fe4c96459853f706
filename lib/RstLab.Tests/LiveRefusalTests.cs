using RstLab.Packets;
using System.Net.Sockets;
using RstLab.Kernel;

namespace RstLab.Tests;

[Collection("live")]
public sealed class LiveRefusalTests
{
    [LiveFact]
    public void It_sees_the_kernel_refuse_a_connect_on_loopback()
    {
        using var _ = new EnvironmentVariable(Capture.Recordings.RecordVariable, null);
        var port = Lab.UnusedPort();
        var before = CounterSnapshot.Take();
        using var wire = Lab.Capture("test-refused", port);
        Assert.True(wire.IsLive, wire.Unavailable);

        var outcome = Lab.TryConnect(port);
        Assert.True(wire.WaitFor(s => s.IsRst), "no RST was captured within 2 s");
        wire.Dispose();
        var delta = before.To(CounterSnapshot.Take());

        Assert.Equal((SocketError.ConnectionRefused, 111), (outcome.Error, outcome.NativeErrorCode));
        var rows = wire.Packets.Rows;
        Assert.Equal(["S", "R."], rows.Select(r => r.Flags.ToText()));
        var (syn, rst) = (rows[0].Segment, rows[1].Segment);
        Assert.Equal(port, rst.Source.Port);
        Assert.Equal(0u, rst.Sequence);
        Assert.Equal(syn.Sequence + 1, rst.Acknowledgment);
        Assert.Contains("seq = 0", rows[1].Note);
        Assert.True(delta["OutRsts"] >= 1, $"OutRsts moved by {delta["OutRsts"]}");
        Assert.True(delta["AttemptFails"] >= 1, $"AttemptFails moved by {delta["AttemptFails"]}");
    }

    [LiveFact]
    public void It_says_where_live_packets_come_from()
    {
        var port = Lab.UnusedPort();

        using var wire = Lab.Capture("test-origin", port);

        Assert.True(wire.IsLive, wire.Unavailable);
        Assert.Null(wire.Unavailable);
        Assert.StartsWith($"Live capture on lo, filter 'tcp and (port {port})'; libpcap dropped 0 packets", wire.Origin);
        Assert.NotNull(wire.Statistics);
    }

    [LiveFact]
    public void It_saves_the_capture_when_recording()
    {
        using var temp = new TempFolder();
        using var _ = new EnvironmentVariable(Capture.Recordings.RecordVariable, temp.Path);
        var port = Lab.UnusedPort();

        using (var wire = Lab.Capture("test-record", port))
        {
            Lab.TryConnect(port);
            Assert.True(wire.WaitFor(s => s.IsRst));
        }

        var saved = Capture.Recordings.Load("test-record", temp.Path)!;
        Assert.Equal(port, saved.Note.ServerPort);
        Assert.Equal(2, saved.Frames.Count);
    }
}
