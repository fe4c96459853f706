using System.Net.Sockets;

namespace RstLab.Tests;

public sealed class LabTests
{
    [Fact]
    public void It_throws_connection_refused_from_connect()
    {
        var e = Assert.Throws<SocketException>(() => Lab.Connect(Lab.UnusedPort()));

        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
        Assert.Equal(111, e.NativeErrorCode);
    }

    [Fact]
    public void It_connects_and_accepts_with_timeouts_set()
    {
        using var listener = Lab.Listen();
        var port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;

        using var client = Lab.Connect(port);
        using var server = Lab.Accept(listener);

        Assert.Equal((2000, 2000), (client.ReceiveTimeout, server.SendTimeout));
        Assert.Equal(client.LocalEndPoint, server.RemoteEndPoint);
    }

    [Fact]
    public void It_gives_up_accepting_when_nobody_connects()
    {
        using var listener = Lab.Listen();

        var e = Assert.Throws<TimeoutException>(() => Lab.Accept(listener, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("No connection arrived", e.Message);
    }
}
