using System.Net.Http;
using System.Net.Sockets;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class HttpClientExtensionsTests
{
    [Fact]
    public void It_records_the_errno_under_httpclients_exception_chain()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Loopback.UnusedPort()}"), Timeout = TimeSpan.FromSeconds(5) };
        var log = new CallLog("client");

        log.Do(() => http.Get("/"));

        var call = Assert.Single(log);
        Assert.True(call.Is(Errno.ECONNREFUSED), call.ToString());
        Assert.Equal("http.Get(\"/\")", call.Call);
        Assert.StartsWith("HttpRequestException: ", call.Chain);
        Assert.EndsWith("SocketException (111): Connection refused", call.Chain);
    }

    [Fact]
    public void It_leaves_the_chain_empty_for_a_bare_socket_error()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var outcome = SocketOutcome.Of("connect", () => { socket.Connect(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Loopback.UnusedPort())); return 0; });

        Assert.True(outcome.Is(Errno.ECONNREFUSED));
        Assert.Null(outcome.Chain);
    }
}
