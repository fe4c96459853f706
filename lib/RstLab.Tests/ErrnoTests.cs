using System.Net.Sockets;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class ErrnoTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, "ECONNREFUSED", 111, 61)]
    [InlineData(SocketError.ConnectionReset, "ECONNRESET", 104, 54)]
    [InlineData(SocketError.Shutdown, "EPIPE", 32, 32)]
    [InlineData(SocketError.TimedOut, "ETIMEDOUT", 110, 60)]
    public void It_knows_linux_and_macos_numbers(SocketError error, string name, int linux, int macOS)
    {
        var info = Errno.Of(error)!;

        Assert.Equal((name, linux, macOS), (info.Name, info.Linux, info.MacOS));
    }

    [Fact]
    public void It_ties_refusal_to_rst_condition_1() =>
        Assert.StartsWith("RST condition 1", Errno.Of(SocketError.ConnectionRefused)!.Cause);

    [Fact]
    public void It_uses_the_linux_number_on_linux() =>
        Assert.Equal(104, Errno.Of(SocketError.ConnectionReset)!.Native);

    [Fact]
    public void It_explains_a_socket_exception() =>
        Assert.Equal("ECONNRESET", Errno.Of(new SocketException((int)SocketError.ConnectionReset))!.Name);

    [Fact]
    public void It_has_nothing_to_say_about_success() => Assert.Null(Errno.Of(SocketError.Success));

    [Fact]
    public void It_prints_every_platform_on_one_line() =>
        Assert.Equal("ConnectionRefused: ECONNREFUSED 111 on Linux (macOS 61, Windows 10061): Connection refused",
            Errno.Of(SocketError.ConnectionRefused)!.ToString());
}
