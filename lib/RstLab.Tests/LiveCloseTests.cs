using System.Net;
using RstLab.Kernel;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Notebooks;
using RstLab.Packets;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>Notebook 02's closes, live in the lab's own namespace: packets, the peer's errno sequence, counters and the socket table.</summary>
[Collection("live")]
public sealed class LiveCloseTests
{
    enum Close { Graceful, Linger0, Unread }

    static CloseExperiment Run(CloseBench bench, Close close)
    {
        var experiment = bench.Start($"test-close-{close}");
        using (experiment)
        using (var client = experiment.Connect())
        using (var server = experiment.Accept())
        {
            client.Send("hello"u8);
            if (close == Close.Unread)
                Assert.True(server.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead), "the hello did not arrive");
            else
                Assert.Equal(5, server.Receive(new byte[16]));
            if (close == Close.Linger0)
                server.LingerState = new LingerOption(true, 0);
            server.Close();
            experiment.PeerSaw(SocketOutcome.Of("recv()", () => client.Receive(new byte[16])));
            if (close != Close.Graceful)
                experiment.PeerSaw(SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8)));
        }
        return experiment;
    }

    [LiveFact]
    public void It_runs_in_a_private_namespace_with_live_capture()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var bench = CloseBench.Open();

        Assert.True(bench.IsPrivate, bench.Reason);
        Assert.Null(bench.Reason);
        Assert.Contains("private network namespace, rstlab-", bench.Where);
        var experiment = Run(bench, Close.Graceful);
        Assert.True(experiment.Wire.IsLive, experiment.Wire.Unavailable);
    }

    [LiveFact]
    public void It_closes_gracefully_with_fins_and_leaves_the_server_in_time_wait()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var bench = CloseBench.Open();

        var graceful = Run(bench, Close.Graceful);

        var rows = graceful.Wire.Packets.Rows;
        // The client's FIN may carry the ACK of the server's FIN or follow a separate ACK: both are graceful.
        Assert.Equal(["S", "S.", ".", "P.", ".", "F."], rows.Take(6).Select(r => r.Flags.ToText()));
        Assert.False(rows[5].FromClient);
        Assert.Contains(rows.Skip(6), r => r.FromClient && r.Flags == TcpFlags.FinAck);
        Assert.DoesNotContain(rows, r => r.IsRst);
        Assert.Equal((".", false), (rows[^1].Flags.ToText(), rows[^1].FromClient));
        Assert.Equal((SocketError.Success, 0L), (graceful.PeerCalls[0].Error, graceful.PeerCalls[0].Value));
        var timeWait = Assert.Single(graceful.SocketsAfter);
        Assert.Equal((TcpState.TimeWait, graceful.Port), (timeWait.State, timeWait.Local.Port));
        Assert.Equal(0, graceful.Counters!["OutRsts"]);
        Assert.Equal(0, graceful.Counters["EstabResets"]);
    }

    [LiveFact]
    public void It_aborts_with_linger_0_counted_as_tcp_abort_on_data()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var bench = CloseBench.Open();

        var abort = Run(bench, Close.Linger0);

        AssertAborted(abort);
        Assert.Equal(1, abort.Counters!["TCPAbortOnData"]);
        Assert.Equal(0, abort.Counters["TCPAbortOnClose"]);
    }

    [LiveFact]
    public void It_resets_on_close_with_unread_data_counted_as_tcp_abort_on_close()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var bench = CloseBench.Open();

        var unread = Run(bench, Close.Unread);

        AssertAborted(unread);
        Assert.Equal(1, unread.Counters!["TCPAbortOnClose"]);
        Assert.Equal(0, unread.Counters["TCPAbortOnData"]);
    }

    [LiveFact]
    public void It_shows_closes_side_by_side_only_once_they_finished()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        var graceful = Conversation("test-close-graceful", linger0: false);
        var abort = Conversation("test-close-abort", linger0: true);

        var html = CloseView.Comparison(CloseComparison.Of(("graceful", graceful), ("abort", abort)));

        Assert.Equal(2, html.Split("<svg class=\"rstlab-ladder\"").Length - 1);
        Assert.Contains("TIME-WAIT", html);
        Assert.Contains("<td>+2</td>", html);
        Assert.Contains("client.Receive(new byte[16])", html);
        using var running = Lab.StartIsolated("test-close-running", Lab.UnusedPort());
        var e = Assert.Throws<InvalidOperationException>(() => CloseComparison.Of(("running", running)));
        Assert.Contains("has not finished", e.Message);
    }

    [LiveFact]
    public void It_keeps_an_accepted_socket_and_reads_the_socket_table_once_the_closes_settled()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        var graceful = Conversation("test-close-settled", linger0: false);

        Assert.Contains(graceful.Sockets(), s => s.State == TcpState.TimeWait && s.Local.Port == graceful.Port);
        Assert.DoesNotContain(graceful.Sockets(), s => s.State is TcpState.FinWait1 or TcpState.FinWait2 or TcpState.LastAck);
        Assert.Equal(["client.Connect(to, TimeSpan.FromSeconds(2))", "client.Send(\"hello\"u8)", "client.Receive(new byte[16])"],
            graceful.Client.Select(c => c.Call));
        Assert.Equal(0, graceful.Client[^1].Value);
        Assert.Equal(graceful.IsPrivate, graceful.Counters!.Exact);
    }

    // The notebook's conversation, on screen there: listen, connect, send, accept, read, close (linger 0 or not), client reads.
    static Experiment Conversation(string name, bool linger0)
    {
        using var x = Lab.StartIsolated(name, Lab.UnusedPort());
        var to = new IPEndPoint(IPAddress.Loopback, x.Port);
        var listener = x.NewSocket();
        x.Server.Do(() => listener.Bind(to));
        x.Server.Do(() => listener.Listen(1));
        var client = x.NewSocket();
        x.Client.Do(() => client.Connect(to, TimeSpan.FromSeconds(2)));
        x.Client.Do(() => client.Send("hello"u8));
        var server = x.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
        x.Server.Do(() => server.Receive(new byte[16]));
        if (linger0)
            server.Set(SocketOption.SO_LINGER, 1, 0);
        server.Close();
        x.Client.Do(() => client.Receive(new byte[16]));
        client.Close();
        return x;
    }

    [LiveFact]
    public void It_reads_the_socket_table_as_soon_as_a_state_appears_and_gives_up_after_the_timeout()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var bench = CloseBench.Open();
        using var experiment = bench.Start("test-close-sockets-when");
        using var client = experiment.Connect();
        using var server = experiment.Accept();

        server.Close();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var closing = experiment.SocketsWhen(s => s.State == TcpState.FinWait2);
        Assert.Contains(closing, s => s.State == TcpState.FinWait2 && s.Local.Port == experiment.Port);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed}");
        clock.Restart();
        var never = experiment.SocketsWhen(s => s.State == TcpState.SynReceived, TimeSpan.FromMilliseconds(100));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.Contains(never, s => s.State == TcpState.CloseWait);
        Assert.DoesNotContain(never, s => s.State == TcpState.SynReceived);
        Assert.Throws<LabArgumentException>(() => experiment.SocketsWhen(null!));
        Assert.Throws<LabArgumentException>(() => experiment.SocketsWhen(_ => true, TimeSpan.Zero));
        Assert.Throws<LabArgumentException>(() => experiment.SocketsWhen(_ => true, TimeSpan.FromSeconds(11)));
    }

    static void AssertAborted(CloseExperiment e)
    {
        Assert.Equal(["S", "S.", ".", "P.", ".", "R."], e.Wire.Packets.Rows.Select(r => r.Flags.ToText()));
        var numbers = AbortNumbers.Of(e.Name, e.Wire.Packets);
        Assert.False(numbers.Rst.FromClient);
        Assert.True(numbers.SeqIsSendNext && numbers.AckIsReceiveNext, $"seq {numbers.Rst.Seq}/{numbers.SendNext}, ack {numbers.Rst.Ack}/{numbers.ReceiveNext}");
        Assert.Equal([(SocketError.ConnectionReset, 104), (SocketError.Shutdown, 32)], e.PeerCalls.Select(c => (c.Error, c.NativeErrorCode)));
        Assert.Empty(e.SocketsAfter);
        Assert.Equal(1, e.Counters!["OutRsts"]);
        Assert.Equal(2, e.Counters["EstabResets"]);
    }
}
