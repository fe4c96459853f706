using System.Net;
using RstLab.Kernel;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Notebooks;
using RstLab.Packets;
using RstLab.Scenarios;
using RstLab.Sockets;
using Close = RstLab.Tests.NotebookExperiments.Close;

namespace RstLab.Tests;

/// <summary>Notebook 02's closes, live in the lab's own namespace: packets, the peer's errno sequence, counters and the socket table.</summary>
[Collection("live")]
public sealed class LiveCloseTests
{
    [LiveFact]
    public void It_runs_in_a_private_namespace_with_live_capture()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);

        var (graceful, _) = NotebookExperiments.Closing("test-close-graceful", Close.Graceful);

        Assert.True(graceful.IsPrivate && graceful.Counters!.Exact, graceful.ToString());
        Assert.True(graceful.Wire.IsLive, graceful.Wire.Unavailable);
        Assert.StartsWith("Live capture on lo in network namespace rstlab-", graceful.Wire.Origin);
    }

    [LiveFact]
    public void It_closes_gracefully_with_fins_and_leaves_the_server_in_time_wait()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);

        var (graceful, _) = NotebookExperiments.Closing("test-close-graceful", Close.Graceful);

        var rows = graceful.Wire.Packets.Rows;
        // The client's FIN may carry the ACK of the server's FIN or follow a separate ACK: both are graceful.
        Assert.Equal(["S", "S.", ".", "P.", ".", "F."], rows.Take(6).Select(r => r.Flags.ToText()));
        Assert.False(rows[5].FromClient);
        Assert.Contains(rows.Skip(6), r => r.FromClient && r.Flags == TcpFlags.FinAck);
        Assert.DoesNotContain(rows, r => r.IsRst);
        Assert.Equal((".", false), (rows[^1].Flags.ToText(), rows[^1].FromClient));
        Assert.All(graceful.Client.Concat(graceful.Server), c => Assert.True(c.AsExpected is not false, $"{c.Call}: {c}"));
        var timeWait = Assert.Single(graceful.Sockets());
        Assert.Equal((TcpState.TimeWait, graceful.Port), (timeWait.State, timeWait.Local.Port));
        Assert.Equal(0, graceful.Counters!["OutRsts"]);
        Assert.Equal(0, graceful.Counters["EstabResets"]);
    }

    [LiveFact]
    public void It_aborts_with_linger_0_counted_as_tcp_abort_on_data()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);

        var (abort, _) = NotebookExperiments.Closing("test-close-linger0", Close.Linger0);

        AssertAborted(abort);
        Assert.Equal(1, abort.Counters!["TCPAbortOnData"]);
        Assert.Equal(0, abort.Counters["TCPAbortOnClose"]);
    }

    [LiveFact]
    public void It_resets_on_close_with_unread_data_counted_as_tcp_abort_on_close()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);

        var (unread, beforeClose) = NotebookExperiments.Closing("test-close-unread", Close.Unread);

        AssertAborted(unread);
        Assert.Contains(beforeClose, s => s.State == TcpState.Established && s.Local.Port == unread.Port && s.ReceiveQueue == 5);
        Assert.Equal(1, unread.Counters!["TCPAbortOnClose"]);
        Assert.Equal(0, unread.Counters["TCPAbortOnData"]);
    }

    [LiveFact]
    public void It_shows_closes_side_by_side_only_once_they_finished()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        var (graceful, _) = NotebookExperiments.Closing("test-close-graceful", Close.Graceful);
        var (abort, _) = NotebookExperiments.Closing("test-close-abort", Close.Linger0);

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
        var (graceful, _) = NotebookExperiments.Closing("test-close-settled", Close.Graceful);

        Assert.Contains(graceful.Sockets(), s => s.State == TcpState.TimeWait && s.Local.Port == graceful.Port);
        Assert.DoesNotContain(graceful.Sockets(), s => s.State is TcpState.FinWait1 or TcpState.FinWait2 or TcpState.LastAck);
        Assert.Equal(["client.Connect(at, TimeSpan.FromSeconds(2))", "client.Send(\"hello\"u8)", "client.Receive(new byte[16])", "client.Close()"],
            graceful.Client.Select(c => c.Call));
        Assert.Equal(0, graceful.Client[^2].Value);
        Assert.Equal(graceful.IsPrivate, graceful.Counters!.Exact);
    }

    [LiveFact]
    public void It_reads_the_socket_table_as_soon_as_a_state_appears_and_gives_up_after_the_timeout()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var experiment = Lab.StartIsolated("test-close-sockets-when", Lab.UnusedPort());
        var (listener, _) = NotebookExperiments.Connect(experiment);
        var server = experiment.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;

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

    static void AssertAborted(Experiment e)
    {
        Assert.Equal(["S", "S.", ".", "P.", ".", "R."], e.Wire.Packets.Rows.Select(r => r.Flags.ToText()));
        var numbers = AbortNumbers.Of(e.Name, e.Wire.Packets);
        Assert.False(numbers.Rst.FromClient);
        Assert.True(numbers.SeqIsSendNext && numbers.AckIsReceiveNext, $"seq {numbers.Rst.Seq}/{numbers.SendNext}, ack {numbers.Rst.Ack}/{numbers.ReceiveNext}");
        Assert.Equal([(SocketError.ConnectionReset, 104), (SocketError.Shutdown, 32)], e.Client.TakeLast(2).Select(c => (c.Error, c.NativeErrorCode)));
        Assert.Empty(e.Sockets());
        Assert.Equal(1, e.Counters!["OutRsts"]);
        Assert.Equal(2, e.Counters["EstabResets"]);
    }
}
