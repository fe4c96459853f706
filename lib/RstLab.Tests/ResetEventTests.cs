using System.Net;
using RstLab.Kernel;
using RstLab.Tracing;

namespace RstLab.Tests;

public sealed class ResetEventTests
{
    // time.time() - time.monotonic() printed by the process that made the fixture (fixtures/README.md).
    internal static readonly DateTimeOffset ClockZero = DateTimeOffset.FromUnixTimeMilliseconds(0) + TimeSpan.FromTicks((long)(1796231397.1448874m * TimeSpan.TicksPerSecond));

    internal static IReadOnlyList<ResetEvent> FixtureEvents() =>
        File.ReadLines(Fixtures.Path("trace/resets.trace")).Where(l => l.Length > 0).Select(l => ResetEvent.Parse(l, ClockZero)).OfType<ResetEvent>().ToList();

    static string Line(int n) => File.ReadLines(Fixtures.Path("trace/resets.trace")).Where(l => !l.StartsWith('#')).ElementAt(n);

    [Fact]
    public void It_parses_a_reset_a_socket_sent_with_its_reason_and_state()
    {
        var e = ResetEvent.Parse(Line(3), ClockZero);

        Assert.Equal(new ResetEvent(ResetDirection.Sent, ClockZero + TimeSpan.FromTicks(14122226000),
            IPEndPoint.Parse("127.0.0.1:47001"), IPEndPoint.Parse("127.0.0.1:41740"), TcpState.Closed, RstReason.TCP_ABORT_ON_CLOSE), e);
        Assert.Equal("TCP_ABORT_ON_CLOSE in CLOSED", e!.ToString());
    }

    [Fact]
    public void It_parses_a_reset_the_stack_sent_without_a_socket_on_ipv4_and_ipv6()
    {
        var v4 = ResetEvent.Parse(Line(0), ClockZero)!;
        var v6 = ResetEvent.Parse(Line(4), ClockZero)!;

        Assert.Equal((ResetDirection.Sent, IPEndPoint.Parse("127.0.0.1:47002"), IPEndPoint.Parse("127.0.0.1:38342"), (TcpState?)null, (RstReason?)RstReason.NO_SOCKET),
            (v4.Direction, v4.Source, v4.Destination, v4.State, v4.Reason));
        Assert.Equal((IPEndPoint.Parse("[::1]:47003"), IPEndPoint.Parse("[::1]:44462"), (RstReason?)RstReason.NO_SOCKET), (v6.Source, v6.Destination, v6.Reason));
        Assert.Equal("NO_SOCKET (no socket)", v4.ToString());
    }

    [Fact]
    public void It_parses_a_received_reset_with_its_sender_as_source()
    {
        // tcp_receive_reset prints the receiving socket: sport/saddr are the receiver's own.
        var v4 = ResetEvent.Parse(Line(1), ClockZero)!;
        var v6 = ResetEvent.Parse(Line(5), ClockZero)!;

        Assert.Equal((ResetDirection.Received, IPEndPoint.Parse("127.0.0.1:47002"), IPEndPoint.Parse("127.0.0.1:38342"), (RstReason?)null),
            (v4.Direction, v4.Source, v4.Destination, v4.Reason));
        Assert.Equal((IPEndPoint.Parse("[::1]:47003"), IPEndPoint.Parse("[::1]:44462")), (v6.Source, v6.Destination));
    }

    [Fact]
    public void It_reads_every_event_of_the_fixture_and_skips_its_header()
    {
        var events = FixtureEvents();

        Assert.Equal([ResetDirection.Sent, ResetDirection.Received, ResetDirection.Received, ResetDirection.Sent, ResetDirection.Sent, ResetDirection.Received], events.Select(e => e.Direction));
        Assert.Null(ResetEvent.Parse("# tracer: nop", ClockZero));
        Assert.Null(ResetEvent.Parse("          <idle>-0       [001] d..2.   590.1: sched_switch: prev_comm=swapper/1", ClockZero));
    }

    [Fact]
    public void It_leaves_a_reason_it_does_not_know_null_instead_of_guessing()
    {
        var e = ResetEvent.Parse(Line(0).Replace("reason=NO_SOCKET", "reason=SOMETHING_NEWER"), ClockZero)!;

        Assert.Null(e.Reason);
        Assert.Equal("an unknown reason (no socket)", e.ToString());
        Assert.Null(ResetEvent.Parse(Line(0).Replace("src=127.0.0.1:47002", "src=nonsense"), ClockZero));
    }

    [Fact]
    public void It_counts_the_events_the_buffer_lost_from_the_trace_header()
    {
        Assert.Equal(6, ResetTrace.LostIn("# entries-in-buffer/entries-written: 124/130   #P:2"));
        Assert.Equal(0, ResetTrace.LostIn(File.ReadLines(Fixtures.Path("trace/resets.trace")).First(l => l.Contains("entries-written"))));
        Assert.Null(ResetTrace.LostIn("# tracer: nop"));
    }
}
