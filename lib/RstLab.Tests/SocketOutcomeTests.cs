using System.Net;
using System.Net.Sockets;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class SocketOutcomeTests
{
    [Fact]
    public void It_turns_a_socket_exception_into_a_result()
    {
        var outcome = SocketOutcome.Of("connect(x)", () => throw new SocketException((int)SocketError.ConnectionRefused));

        Assert.False(outcome.Succeeded);
        Assert.Equal(SocketError.ConnectionRefused, outcome.Error);
        Assert.Equal(111, outcome.NativeErrorCode);
        Assert.Equal("ECONNREFUSED", outcome.Errno!.Name);
        Assert.StartsWith("connect(x) → ConnectionRefused, errno 111 (ECONNREFUSED; macOS 61) in ", outcome.ToString());
    }

    [Fact]
    public void It_turns_a_timeout_into_timed_out()
    {
        var outcome = SocketOutcome.Of("recv()", () => throw new TimeoutException());

        Assert.Equal((SocketError.TimedOut, 110), (outcome.Error, outcome.NativeErrorCode));
    }

    [Fact]
    public void It_records_the_value_and_local_endpoint_on_success()
    {
        var local = new IPEndPoint(IPAddress.Loopback, 50000);

        var outcome = SocketOutcome.Of("send(5 bytes)", () => 5, () => local);

        Assert.True(outcome.Succeeded);
        Assert.Equal((5L, 0, local), (outcome.Value, outcome.NativeErrorCode, outcome.Local));
        Assert.Null(outcome.Errno);
        Assert.StartsWith("send(5 bytes) → ok (5) in ", outcome.ToString());
    }

    [Fact]
    public void It_survives_a_local_endpoint_that_is_gone_after_an_error()
    {
        var outcome = SocketOutcome.Of("connect(x)",
            () => throw new SocketException((int)SocketError.ConnectionReset),
            () => throw new ObjectDisposedException("socket"));

        Assert.Equal(SocketError.ConnectionReset, outcome.Error);
        Assert.Null(outcome.Local);
    }

    [Fact]
    public void It_lets_other_exceptions_through() =>
        Assert.Throws<InvalidOperationException>(() => SocketOutcome.Of("x", () => throw new InvalidOperationException()));
}
