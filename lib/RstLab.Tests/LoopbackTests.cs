using System.Net;
using System.Net.Sockets;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class LoopbackTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void It_rejects_bad_listen_ports(int port) =>
        Assert.Throws<LabArgumentException>(() => Loopback.Listen(port));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void It_rejects_bad_connect_ports(int port)
    {
        var e = Assert.Throws<LabArgumentException>(() => Loopback.TryConnect(port));
        Assert.Contains($"port must be 1–65535; got {port}", e.Message);
    }

    [Fact]
    public void It_listens_on_127_0_0_1_on_a_port_the_kernel_picks()
    {
        using var listener = Loopback.Listen();
        var local = (IPEndPoint)listener.LocalEndPoint!;

        Assert.Equal(IPAddress.Loopback, local.Address);
        Assert.NotEqual(0, local.Port);
    }

    [Fact]
    public void It_connects_to_a_listener_and_hands_over_the_socket()
    {
        using var listener = Loopback.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        var outcome = Loopback.TryConnect(port, null, out var socket);
        using (socket)
        {
            Assert.True(outcome.Succeeded, outcome.ToString());
            Assert.True(socket!.Connected);
            Assert.Equal(outcome.Local, socket.LocalEndPoint);
            Assert.Equal($"connect(127.0.0.1:{port})", outcome.Call);
        }
    }

    [Fact]
    public void It_reports_a_refusal_as_an_outcome()
    {
        var port = Loopback.UnusedPort();

        var outcome = Loopback.TryConnect(port, null, out var socket);

        Assert.Null(socket);
        Assert.Equal((SocketError.ConnectionRefused, 111), (outcome.Error, outcome.NativeErrorCode));
        Assert.Equal("ECONNREFUSED", outcome.Errno?.Name);
    }

    [Fact]
    public void It_picks_a_free_port_on_ipv6_loopback_and_refuses_other_addresses()
    {
        var port = Loopback.UnusedPort(IPAddress.IPv6Loopback);

        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
        Assert.InRange(port, 1, 65535);
        Assert.Throws<LabArgumentException>(() => Loopback.UnusedPort(IPAddress.Parse("10.77.0.1")));
    }

    /// <summary>Isolation: a capture on an unused port must not see a connection that another program happened to make from that port.</summary>
    [LiveFact]
    public void It_keeps_an_unused_port_from_becoming_any_connections_source_port()
    {
        using var host = NetworkNamespace.Create();
        host.Sysctl("net.ipv4.ip_local_port_range", "40000 40001");   // two ephemeral ports: without the reservation connect() would take it
        var (reserved, sources) = host.Run(() =>
        {
            var port = Loopback.UnusedPort();
            var listeners = Enumerable.Range(50000, 3).Select(p => Loopback.Listen(p)).ToList();
            var sockets = listeners.Select(l => { Loopback.TryConnect(((IPEndPoint)l.LocalEndPoint!).Port, TimeSpan.FromSeconds(2), out var s); return s!; }).ToList();
            var used = sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToList();
            sockets.Concat(listeners).ToList().ForEach(s => s.Dispose());
            return (port, used);
        });

        Assert.InRange(reserved, 40000, 40001);
        Assert.All(sources, p => Assert.Equal(40000 + 40001 - reserved, p));
    }
}

// Starves the thread pool for a moment: it runs alone, with the live tests.
[Collection("live")]
public sealed class BusyThreadPoolTests
{
    /// <summary>A connect's deadline holds even when every thread-pool thread is busy (captures, tests and a kernel share 2 cores);
    /// a ConnectAsync waited on synchronously needs a pool thread to complete and timed out here.</summary>
    [Fact]
    public void It_connects_within_its_deadline_while_the_thread_pool_is_busy()
    {
        using var listener = Loopback.Listen();
        using var release = new ManualResetEventSlim();
        ThreadPool.GetMinThreads(out var workers, out _);
        var busy = Enumerable.Range(0, workers + 32).Select(_ => Task.Run(() => release.Wait(TimeSpan.FromSeconds(10)))).ToList();
        try
        {
            var outcome = Loopback.TryConnect(((IPEndPoint)listener.LocalEndPoint!).Port, TimeSpan.FromMilliseconds(300), out var socket);
            socket?.Dispose();
            Assert.True(outcome.Succeeded, outcome.ToString());
        }
        finally
        {
            release.Set();
        }
    }
}
