using System.Net;
using RstLab.Capture;
using RstLab.Diagrams;
using RstLab.Kernel;
using RstLab.Notebooks;
using RstLab.Packets;
using RstLab.Tracing;

namespace RstLab.Tests;

// It sets RSTLAB_DATA for the whole process: alone, so no test running beside it reads another data folder.
[Collection("live")]
public sealed class ResetJoinTests
{
    static PacketTable Traced(IReadOnlyList<ResetEvent> events) => new(Fixtures.Segments("trace/resets.pcap"), "fixture", null, events);

    [Fact]
    public void It_gives_each_captured_rst_the_reason_its_kernel_traced()
    {
        var table = Traced(ResetEventTests.FixtureEvents());

        Assert.Equal([(2, RstReason.NO_SOCKET), (8, RstReason.TCP_ABORT_ON_CLOSE), (10, RstReason.NO_SOCKET)],
            table.Rsts.Select(r => (r.Number, r.Reason!.Value)));
        Assert.All(table.Rows.Where(r => !r.IsRst), r => Assert.Null(r.Kernel));
        // Trace and capture stamp the same reset within microseconds once the trace clock is placed on wall time.
        Assert.All(table.Rsts, r => Assert.True((r.Kernel!.Time - r.Segment.Time).Duration() < TimeSpan.FromMilliseconds(1), $"#{r.Number}: {r.Kernel.Time:O} vs {r.Segment.Time:O}"));
    }

    [Fact]
    public void It_leaves_a_reset_unexplained_when_no_event_is_near_it_in_time()
    {
        var late = ResetEventTests.FixtureEvents().Select(e => e with { Time = e.Time.AddSeconds(5) }).ToList();

        Assert.All(Traced(late).Rsts, r => Assert.Null(r.Kernel));
        Assert.All(Traced([]).Rsts, r => Assert.Null(r.Kernel));
    }

    [Fact]
    public void It_matches_a_reset_a_listener_sent_by_its_source_alone()
    {
        // A listener's reset (accept-queue overflow) is traced with the listener's own addresses: peer 0.0.0.0:0.
        var events = ResetEventTests.FixtureEvents().Select(e => e.Reason == RstReason.TCP_ABORT_ON_CLOSE
            ? e with { Destination = new IPEndPoint(IPAddress.Any, 0), State = TcpState.Listen, Reason = RstReason.INVALID_SYN } : e).ToList();

        Assert.Equal(RstReason.INVALID_SYN, Traced(events).Rows[7].Reason);
    }

    [Fact]
    public void It_shows_the_reason_in_the_packet_table_and_on_the_ladders_rst_arrow()
    {
        var table = Traced(ResetEventTests.FixtureEvents());

        Assert.Contains("<th>kernel's reason</th>", HtmlView.Packets(table));
        Assert.Contains("<td>TCP_ABORT_ON_CLOSE in CLOSED</td>", HtmlView.Packets(table));
        Assert.Contains("<<RST>> [kernel: NO_SOCKET (no socket)]", TextView.Packets(table));
        Assert.EndsWith(" · TCP_ABORT_ON_CLOSE", LadderDiagram.Label(table.Rows[7]));
        Assert.Contains("· TCP_ABORT_ON_CLOSE", WebUtility.HtmlDecode(LadderDiagram.Of(table, connection: 2).ToSvg()));
        Assert.DoesNotContain("kernel's reason", HtmlView.Packets(Traced([])));
    }

    [Fact]
    public void It_keeps_the_traced_resets_in_the_recordings_note()
    {
        using var folder = new TempFolder();
        var frames = PcapFile.Read(Fixtures.Path("trace/resets.pcap"));
        var events = ResetEventTests.FixtureEvents();

        Recordings.Save("traced", frames, "tcp and (port 47001)", 47001, folder.Path, events);
        Recordings.Save("untraced", frames, "tcp and (port 47001)", 47001, folder.Path);

        Assert.Equal(events, Recordings.Load("traced", folder.Path)!.Note.Resets);
        Assert.Contains("\"Reason\": \"TCP_ABORT_ON_CLOSE\"", File.ReadAllText(Path.Combine(folder.Path, "traced.json")));
        Assert.Contains("\"State\": \"CLOSED\"", File.ReadAllText(Path.Combine(folder.Path, "traced.json")));
        Assert.Null(Recordings.Load("untraced", folder.Path)!.Note.Resets);
        Assert.DoesNotContain("Resets", File.ReadAllText(Path.Combine(folder.Path, "untraced.json")));
    }

    [Fact]
    public void It_reads_the_kernels_state_names_that_older_notes_keep()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(Recordings.Folder, "02-abort.pcap"), Path.Combine(folder.Path, "old.pcap"));
        File.WriteAllText(Path.Combine(folder.Path, "old.json"), File.ReadAllText(Path.Combine(Recordings.Folder, "02-abort.json")));
        Assert.Contains("\"State\": \"TCP_CLOSE\"", File.ReadAllText(Path.Combine(folder.Path, "old.json")));

        var resets = Recordings.Load("old", folder.Path)!.Note.Resets!;

        Assert.Contains(resets, e => e.State == TcpState.Closed);
    }

    [Fact]
    public void It_checks_the_reason_of_a_recording_and_says_so_when_none_was_traced()
    {
        using var folder = new TempFolder();
        using var data = new EnvironmentVariable("RSTLAB_DATA", folder.Path);
        var frames = PcapFile.Read(Fixtures.Path("trace/resets.pcap"));
        Recordings.Save("traced", frames, "tcp", 47001, folder.Path, ResetEventTests.FixtureEvents());
        Recordings.Save("untraced", frames, "tcp", 47001, folder.Path);
        var traced = WireCapture.Recorded("traced", "a test");
        var untraced = WireCapture.Recorded("untraced", "a test");

        var checks = new Evidence.Checks("test")
            .Reason("no listener", traced, RstReason.NO_SOCKET)
            .Reason("no listener", traced, RstReason.TCP_STATE)
            .Reason("unread data", traced, RstReason.TCP_ABORT_ON_CLOSE, traced.Packets.Rows[7])
            .Reason("no listener", untraced, RstReason.NO_SOCKET);

        Assert.Equal([true, false, true, true], checks.Results.Select(r => r.Holds));
        Assert.Equal("no listener: the kernel traced reason NO_SOCKET for its reset (in the recording)", checks.Results[0].Claim);
        Assert.Equal("NO_SOCKET (no socket)", checks.Results[1].Observed);
        Assert.Equal("no listener: the kernel's reason for the reset (NO_SOCKET) could not be traced here", checks.Results[3].Claim);
        Assert.Equal(untraced.TraceUnavailable, checks.Results[3].Observed);
        Assert.Contains("recorded without tracing", untraced.Origin);
        // One expected reason for several experiments: one claim each.
        var several = new Evidence.Checks("test").Reason(RstReason.NO_SOCKET, ("refused", traced), ("other", untraced));
        Assert.Equal([true, true], several.Results.Select(r => r.Holds));
        Assert.Equal([checks.Results[0].Claim.Replace("no listener", "refused"), checks.Results[3].Claim.Replace("no listener", "other")],
            several.Results.Select(r => r.Claim));
        Assert.False(new Evidence.Checks("test").Reason(RstReason.TCP_STATE, ("refused", traced)).AllHold);
    }

    [Fact]
    public void It_says_when_the_trace_placed_the_unmatched_resets_event_or_that_there_was_none()
    {
        using var folder = new TempFolder();
        using var data = new EnvironmentVariable("RSTLAB_DATA", folder.Path);
        var frames = PcapFile.Read(Fixtures.Path("trace/resets.pcap"));
        var events = ResetEventTests.FixtureEvents();
        Recordings.Save("late", frames, "tcp", 47001, folder.Path, events.Select(e => e with { Time = e.Time.AddSeconds(5) }).ToList());
        Recordings.Save("other", frames, "tcp", 47001, folder.Path, events.Where(e => e.Reason != RstReason.TCP_ABORT_ON_CLOSE).ToList());
        var late = WireCapture.Recorded("late", "a test");
        var other = WireCapture.Recorded("other", "a test");

        var checks = new Evidence.Checks("test")
            .Reason("no listener", late, RstReason.NO_SOCKET)
            .Reason("unread data", other, RstReason.TCP_ABORT_ON_CLOSE, other.Packets.Rows[7]);

        Assert.Equal("no tcp_send_reset event matched reset #2; the nearest from 127.0.0.1:47002 was traced +5.000 s from it", checks.Results[0].Observed);
        Assert.Equal("no tcp_send_reset event matched reset #8; none was traced from 127.0.0.1:47001", checks.Results[1].Observed);
        Assert.False(checks.AllHold);
    }
}
