using System.Net.Sockets;
using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>A claim that fails prints expected and observed one under the other, for segments, calls and counters.</summary>
public sealed class ExpectationTests
{
    [Fact]
    public void It_prints_expected_and_observed_segments_when_a_capture_differs()
    {
        var rows = Fixtures.Table("refused.pcap").Rows;   // S, then R.
        var checks = new Checks("zz-expect").That("a FIN instead", rows, Expect.Segments(Expect.FromClient(TcpFlags.Syn, seq: 0), Expect.FromServer(TcpFlags.FinAck)));

        var failure = Assert.Throws<CheckFailedException>(() => checks.Assert()).Message;

        Assert.Contains("expected: client → server [S] seq 0", failure);
        Assert.Contains("server → client [F.]", failure);
        Assert.Contains("observed: client → server [S] seq 0", failure);
        Assert.Contains("server → client [R.]", failure);
    }

    [Fact]
    public void It_prints_the_call_with_its_prediction_and_its_result_when_they_differ()
    {
        var calls = new CallLog("client");
        var port = Loopback.UnusedPort();
        calls.Do(() => Lab.Connect(port), Expect.Returns(0));
        var checks = new Checks("zz-expect").That("connect() succeeds", calls);

        var failure = Assert.Throws<CheckFailedException>(() => checks.Assert()).Message;

        Assert.Equal("Lab.Connect(port)", calls[0].Call);
        Assert.False(calls[0].AsExpected);
        Assert.Contains("expected: Lab.Connect(port) = 0", failure);
        Assert.Contains("observed: Lab.Connect(port) = -1 ECONNREFUSED (111)", failure);
    }

    [Fact]
    public void It_matches_a_predicted_errno_by_name_and_linux_number()
    {
        var calls = new CallLog("client");
        var port = Loopback.UnusedPort();
        calls.Do(() => Lab.Connect(port), Expect.Fails(Errno.ECONNREFUSED));

        Assert.True(calls[0].AsExpected);
        Assert.Equal(SocketError.ConnectionRefused, calls[0].Error);
        Assert.Contains("= -1 ECONNREFUSED", calls.ToString());
    }

    [Fact]
    public void It_prints_expected_and_observed_counter_moves()
    {
        var delta = CounterSnapshot.Take(Fixtures.ProcNet).To(CounterSnapshot.Take(Fixtures.ProcNet));   // nothing moved
        var checks = new Checks("zz-expect").That("a RST was sent", delta, Expect.Moved("OutRsts", 1));

        var failure = Assert.Throws<CheckFailedException>(() => checks.Assert()).Message;

        Assert.Contains("expected: OutRsts +1", failure);
        Assert.Contains("observed: OutRsts +0 (shared stack: others add to it)", failure);
    }

    [Fact]
    public void It_prints_each_counter_with_its_own_expected_move()
    {
        var delta = CounterSnapshot.Take(Fixtures.ProcNet).To(CounterSnapshot.Take(Fixtures.ProcNet));   // nothing moved
        var moves = Expect.Moved(("OutRsts", 1), ("TCPAbortOnData", 0));
        var checks = new Checks("zz-expect").That("an abort", delta, moves);

        var failure = Assert.Throws<CheckFailedException>(() => checks.Assert()).Message;

        Assert.Contains("expected: OutRsts +1, TCPAbortOnData +0", failure);
        Assert.Contains("observed: OutRsts +0, TCPAbortOnData +0 (shared stack: others add to it)", failure);
        Assert.True(Expect.Moved(("OutRsts", 0), ("TCPAbortOnData", 0)).IsMetBy(delta));
        Assert.Throws<LabArgumentException>(() => Expect.Moved(Array.Empty<(string, long)>()));
    }

    [Fact]
    public void It_counts_a_move_exactly_only_in_a_private_namespace()
    {
        var shared = CounterSnapshot.Take(Fixtures.ProcNet);
        Assert.False(shared.To(shared).Exact);
        Assert.True(Expect.Moved("OutRsts", 0).IsMetBy(shared.To(shared)));
        Assert.False(Expect.Moved("OutRsts").IsMetBy(shared.To(shared)));
    }

    [Fact]
    public void It_prints_the_expected_socket_state_beside_the_table()
    {
        var checks = new Checks("zz-expect").That("TIME-WAIT", Array.Empty<SocketEntry>(), Expect.State(TcpState.TimeWait, remotePort: 8000));

        var failure = Assert.Throws<CheckFailedException>(() => checks.Assert()).Message;

        Assert.Contains("expected: TIME-WAIT :* → :8000", failure);
        Assert.Contains("observed: no socket", failure);
    }

    [Fact]
    public void It_labels_a_call_with_its_own_source_text()
    {
        var calls = new CallLog("server");
        using var listener = Lab.Listen();
        calls.Do(() => listener.Listen(1));

        Assert.Equal("listener.Listen(1)", calls[0].Call);
        Assert.False(calls[0].Returns);
        Assert.Null(calls[0].AsExpected);
    }

    [Fact]
    public void It_prints_a_sequence_of_call_results_beside_the_expected_one()
    {
        var calls = new CallLog("client");
        var port = Loopback.UnusedPort();
        calls.Do(() => Lab.Connect(port));
        var expected = Expect.Calls(Expect.Fails(Errno.ECONNREFUSED), Expect.Returns(0));
        var checks = new Checks("zz-expect").That("refused, then a read", calls, expected);

        var failure = Assert.Throws<CheckFailedException>(() => checks.Assert()).Message;

        Assert.True(Expect.Calls(Expect.Fails(Errno.ECONNREFUSED)).IsMetBy(calls));
        Assert.Contains("expected: = -1 ECONNREFUSED, = 0", failure);
        Assert.Contains("observed: = -1 ECONNREFUSED (111)", failure);
    }

    [Fact]
    public void It_holds_a_combined_expectation_only_when_every_part_holds()
    {
        var delta = CounterSnapshot.Take(Fixtures.ProcNet).To(CounterSnapshot.Take(Fixtures.ProcNet));   // nothing moved
        var both = Expect.All(Expect.Moved("OutRsts", 0), Expect.Moved("EstabResets", 2));

        var failure = Assert.Throws<CheckFailedException>(() => new Checks("zz-expect").That("moves", delta, both).Assert()).Message;

        Assert.True(Expect.All(Expect.Moved("OutRsts", 0)).IsMetBy(delta));
        Assert.Contains("expected: OutRsts +0; EstabResets +2", failure);
        Assert.Contains("EstabResets +0", failure);
    }

    [Fact]
    public void It_matches_a_socket_state_with_its_receive_queue()
    {
        var any = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8000);
        SocketEntry[] rows = [new(any, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 40000), TcpState.Established, 0, 45000)];

        Assert.True(Expect.State(TcpState.Established, port: 8000, receiveQueue: 45000).IsMetBy(rows));
        Assert.False(Expect.State(TcpState.Established, port: 8000, receiveQueue: 5000).IsMetBy(rows));
        Assert.Equal("ESTABLISHED :8000 → :* Recv-Q 5000", Expect.State(TcpState.Established, port: 8000, receiveQueue: 5000).ToString());
        Assert.Contains("Recv-Q 45000", Expect.State(TcpState.Established, receiveQueue: 5000).Show(rows));
    }
}
