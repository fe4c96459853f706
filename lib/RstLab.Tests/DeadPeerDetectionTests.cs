using System.Net.Sockets;
using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class DeadPeerDetectionTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(20000)]
    public void It_waits_between_100_ms_and_10_s(int milliseconds) =>
        Assert.Throws<LabArgumentException>(() => DeadPeerDetection.Run(TimeSpan.FromMilliseconds(milliseconds)));
}

[Collection("live")]
public sealed class LiveDeadPeerDetectionTests
{
    [Fact]
    public void It_sees_both_sockets_become_readable_and_reads_0_for_the_fin_and_econnreset_for_the_rst()
    {
        var watch = DeadPeerDetection.Run();

        Assert.Equal(["peer closed: FIN", "peer closed with unread data: RST"], watch.Select(w => w.Peer));
        Assert.All(watch, w => Assert.Equal((false, true, true), (w.ReadableBefore, w.Selected, w.ReadableAfter)));
        Assert.Equal((SocketError.Success, 0L), (watch[0].Receive.Error, watch[0].Receive.Value));
        Assert.Equal((SocketError.ConnectionReset, 104), (watch[1].Receive.Error, watch[1].Receive.NativeErrorCode));
    }
}
