using System.Net;
using System.Net.Sockets;
using RstLab.Namespaces;

namespace RstLab.Tests;

public sealed class LabHostTests
{
    [Fact]
    public void It_kills_every_socket_it_made()
    {
        var server = new LabHost("server", IPAddress.Loopback, null);
        var client = new LabHost("client", IPAddress.Loopback, null);
        using (client)
        {
            var listener = server.Listen(0);
            var connected = client.Connect(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndPoint!).Port);
            var accepted = server.Accept(listener);

            server.Kill();

            Assert.Throws<ObjectDisposedException>(() => listener.Poll(0, SelectMode.SelectRead));
            Assert.Throws<ObjectDisposedException>(() => accepted.Poll(0, SelectMode.SelectRead));
            var e = Assert.Throws<SocketException>(() => connected.Receive(new byte[8]));   // the abort sent a RST
            Assert.Equal(SocketError.ConnectionReset, e.SocketErrorCode);
        }
    }

    [Fact]
    public void It_gives_up_accepting_after_two_seconds()
    {
        using var server = new LabHost("server", IPAddress.Loopback, null);
        var listener = server.Listen(0);

        var e = Assert.Throws<TimeoutException>(() => server.Accept(listener));

        Assert.Contains("server saw no connection", e.Message);
    }
}
