using System.Net;
using RstLab.Capture;
using RstLab.Diagrams;
using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>What a learner reads when a call gets a bad argument: one sentence naming the value, the rule and what to pass.</summary>
public sealed class InputValidationTests
{
    [Fact]
    public void It_shows_only_the_sentence_where_a_notebook_shows_ToString()
    {
        var e = Assert.Throws<LabArgumentException>(() => Lab.TryConnect(70000));

        Assert.Equal("port must be 1–65535; got 70000.", e.Message);
        Assert.Equal(e.Message, e.ToString());
        Assert.DoesNotContain("   at ", e.ToString());
        Assert.DoesNotContain("(Parameter", e.Message);
        Assert.Equal("port", e.ParamName);
    }

    [Fact]
    public void It_is_still_an_ArgumentException_for_code_that_catches_one()
    {
        var caught = Record.Exception(() =>
        {
            try { Lab.Connect(0); }
            catch (ArgumentException) { throw new InvalidOperationException("caught"); }
        });

        Assert.Equal("caught", caught?.Message);
    }

    [Theory]
    [InlineData(-1, 16, "port must be 1–65535, or 0 to let the kernel pick one; got -1.")]
    [InlineData(70000, 16, "port must be 1–65535, or 0 to let the kernel pick one; got 70000.")]
    [InlineData(0, 0, "backlog must be 1–4096; got 0. The kernel caps the accept queue at net.core.somaxconn (4096).")]
    [InlineData(0, 5000, "backlog must be 1–4096; got 5000. The kernel caps the accept queue at net.core.somaxconn (4096).")]
    public void It_refuses_a_listener_it_cannot_open(int port, int backlog, string message) =>
        Assert.Equal(message, Assert.Throws<LabArgumentException>(() => Lab.Listen(port, backlog)).Message);

    [Fact]
    public void It_refuses_an_infinite_wait_at_once_instead_of_hanging()
    {
        var listener = Lab.Listen();
        using (listener)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var e = Assert.Throws<LabArgumentException>(() => Lab.Accept(listener, Timeout.InfiniteTimeSpan));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
            Assert.Equal("timeout must be more than 0 and at most 300 s; got infinite. Every wait in the lab is finite, e.g. TimeSpan.FromSeconds(2).", e.Message);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void It_refuses_a_connect_timeout_that_is_not_positive(int seconds)
    {
        var e = Assert.Throws<LabArgumentException>(() => Lab.TryConnect(Lab.UnusedPort(), TimeSpan.FromSeconds(seconds)));

        Assert.Equal($"timeout must be more than 0 and at most 300 s; got {seconds} s. Every wait in the lab is finite, e.g. TimeSpan.FromSeconds(2).", e.Message);
    }

    [Fact]
    public void It_refuses_to_capture_or_list_sockets_without_a_port()
    {
        var capture = Assert.Throws<LabArgumentException>(() => Lab.Capture("01-x"));
        var sockets = Assert.Throws<LabArgumentException>(() => Lab.Sockets());

        Assert.Equal("ports is empty; name at least one port (1–65535): the lab never looks at all traffic.", capture.Message);
        Assert.Equal(capture.Message, sockets.Message);
    }

    [Fact]
    public void It_refuses_a_socket_table_wait_on_port_0_or_longer_than_10_s()
    {
        Assert.Equal("port must be 1–65535; got 0.", Assert.Throws<LabArgumentException>(() => SocketTable.WaitFor(0, _ => true, TimeSpan.FromSeconds(1))).Message);
        Assert.Contains("at most 10 s", Assert.Throws<LabArgumentException>(() => SocketTable.WaitFor(80, _ => true, TimeSpan.FromSeconds(11))).Message);
    }

    [Fact]
    public void It_tells_a_missing_folder_from_a_folder_without_counters()
    {
        using var temp = new TempFolder();

        var missing = Assert.Throws<LabArgumentException>(() => CounterSnapshot.Take(Path.Combine(temp.Path, "none")));
        var notLinux = Assert.Throws<PlatformNotSupportedException>(() => CounterSnapshot.Take(temp.Path));

        Assert.Contains("There is no folder holding snmp and netstat (like /proc/net) at", missing.Message);
        Assert.Contains("snmp", notLinux.Message);
    }

    [Fact]
    public void It_refuses_a_null_argument_by_name_and_type()
    {
        var e = Assert.Throws<LabArgumentException>(() => LadderDiagram.Of(null!));

        Assert.Equal("packets is null; pass a PacketTable.", e.Message);
    }

    [Fact]
    public void It_numbers_connections_from_1()
    {
        var table = Fixtures.Table("refused.pcap");

        Assert.Contains("numbered from 1", Assert.Throws<LabArgumentException>(() => table.Connection(0).ToList()).Message);
        Assert.Contains("maxArrows must be 1–10000; got 0", Assert.Throws<LabArgumentException>(() => LadderDiagram.Of(table, maxArrows: 0)).Message);
    }

    [Fact]
    public void It_wants_a_notebook_name_for_its_checks() =>
        Assert.Equal("notebook is empty; pass a non-empty text.", Assert.Throws<LabArgumentException>(() => new Checks("")).Message);

    [Fact]
    public void It_refuses_a_signal_or_process_that_cannot_exist()
    {
        Assert.Contains("signal must be 1–64", Assert.Throws<LabArgumentException>(() => SignalDisposition.Ignores(0)).Message);
        Assert.Contains("pid must be 1–", Assert.Throws<LabArgumentException>(() => SignalDisposition.Ignores(13, -4)).Message);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("10.77.0.2")]
    [InlineData("192.168.1.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    public void It_refuses_a_program_on_this_machine_any_address_but_loopback(string address)
    {
        var e = Assert.Throws<LabArgumentException>(() => new LabHost("client", IPAddress.Parse(address), null));

        Assert.Contains("not a loopback address", e.Message);
        Assert.Equal("address", e.ParamName);
    }

    [Fact]
    public void It_refuses_to_connect_a_program_on_this_machine_to_an_outside_address_before_any_socket_exists()
    {
        using var host = new LabHost("client", IPAddress.Loopback, null);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = Assert.Throws<LabArgumentException>(() => host.Connect(IPAddress.Parse("192.0.2.1"), 80));

        Assert.Contains("192.0.2.1 is not a loopback address", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"took {clock.Elapsed}: a connect was attempted");
    }

    [Fact]
    public void It_refuses_a_port_in_an_unused_port_on_a_mapped_public_address()
    {
        var e = Assert.Throws<LabArgumentException>(() => Loopback.UnusedPort(IPAddress.Parse("::ffff:8.8.8.8")));

        Assert.Contains("not a loopback address", e.Message);
    }

    [Fact]
    public void It_lets_port_0_through_only_where_the_kernel_picks()
    {
        Assert.Equal(0, Guard.PortOrAny(0, "port"));
        Assert.Equal("port must be 1–65535; got 0.", Assert.Throws<LabArgumentException>(() => Guard.Port(0, "port")).Message);
    }

    [Fact]
    public void It_says_infinite_for_an_infinite_timeout_and_seconds_otherwise()
    {
        Assert.Contains("wait must be more than 0 and at most 300 s; got infinite.", Assert.Throws<LabArgumentException>(() => Guard.Timeout(Timeout.InfiniteTimeSpan, name: "wait")).Message);
        Assert.Contains("got 0.25 s", Assert.Throws<LabArgumentException>(() => Guard.Timeout(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(100), "wait")).Message);
        Assert.Equal(TimeSpan.FromSeconds(2), Guard.Timeout(TimeSpan.FromSeconds(2)));
    }
}
