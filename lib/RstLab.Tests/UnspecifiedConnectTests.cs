using System.Net.Sockets;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class UnspecifiedConnectTests
{
    [Fact]
    public void It_aborts_a_connected_tcp_socket_so_the_peer_reads_a_reset()
    {
        using var listener = Lab.Listen();
        var port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;
        using var client = Lab.Connect(port);
        using var server = Lab.Accept(listener);

        client.ConnectUnspecified();

        var read = SocketOutcome.Of("recv", () => server.Receive(new byte[16]));
        Assert.True(read.Is(Errno.ECONNRESET), read.ToString());
        var own = SocketOutcome.Of("send", () => client.Send("x"u8));          // the error left on the caller
        Assert.True(own.Is(Errno.ECONNRESET), own.ToString());
        var again = SocketOutcome.Of("recv", () => client.Receive(new byte[16]));
        Assert.True(again.Is(Errno.ENOTCONN), again.ToString());
    }

    [Fact]
    public void It_refuses_a_missing_socket()
    {
        Assert.ThrowsAny<ArgumentException>(() => UnspecifiedConnect.ConnectUnspecified(null!));
    }
}
