using System.Net;
using System.Net.Sockets;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class ReusePortTests
{
    [Fact]
    public void It_lets_two_listeners_that_both_set_SO_REUSEPORT_share_a_port()
    {
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        first.Set(SocketOption.SO_REUSEPORT, 1);
        second.Set(SocketOption.SO_REUSEPORT, 1);
        first.Bind(new IPEndPoint(IPAddress.Loopback, 0));   // the kernel picks the port
        first.Listen(1);
        var at = (IPEndPoint)first.LocalEndPoint!;

        second.Bind(at);

        Assert.Equal(1, second.Get(SocketOption.SO_REUSEPORT));
    }

    [Fact]
    public void It_refuses_the_port_to_a_listener_without_it()
    {
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        first.Set(SocketOption.SO_REUSEPORT, 1);
        first.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        first.Listen(1);
        var at = (IPEndPoint)first.LocalEndPoint!;

        var refused = Assert.Throws<SocketException>(() => second.Bind(at));
        Assert.Equal(SocketError.AddressAlreadyInUse, refused.SocketErrorCode);
    }
}
