using RstLab.Diagnosis;
using RstLab.Tracing;

namespace RstLab.Tests;

/// <summary>Where the diagnosis meets the kernel's traced reason, on the mapping and on the committed recordings.</summary>
public sealed class KernelReasonsTests
{
    [Fact]
    public void It_knows_the_reasons_of_every_cause()
    {
        Assert.All(Enum.GetValues<ResetCause>(), c => Assert.NotNull(KernelReasons.Of(c)));
    }

    [Theory]
    [InlineData(ResetCause.NoListener, RstReason.NO_SOCKET, true)]
    [InlineData(ResetCause.AbortiveClose, RstReason.TCP_ABORT_ON_CLOSE, true)]
    [InlineData(ResetCause.AbortiveClose, RstReason.TCP_STATE, true)]
    [InlineData(ResetCause.PeerClosed, RstReason.TCP_TIMEWAIT_SOCKET, true)]
    [InlineData(ResetCause.NoListener, RstReason.TCP_ABORT_ON_CLOSE, false)]
    [InlineData(ResetCause.AcceptQueueOverflow, RstReason.NO_SOCKET, false)]
    [InlineData(ResetCause.FirewallReject, RstReason.NO_SOCKET, false)]
    public void It_agrees_only_on_the_reasons_a_cause_comes_with(ResetCause cause, RstReason traced, bool agrees)
    {
        Assert.Equal(agrees, KernelReasons.Agree(cause, traced));
    }

    [Fact]
    public void It_agrees_on_no_trace_only_for_a_reset_no_end_host_sent()
    {
        Assert.True(KernelReasons.Agree(ResetCause.FirewallReject, null));
        Assert.False(KernelReasons.Agree(ResetCause.NoListener, null));
    }

    [Fact]
    public void It_puts_a_recordings_traced_reason_beside_each_cause()
    {
        var row = Assert.Single(TracedDiagnosis.OfRecording("02-unread"));

        Assert.Equal((ResetCause.AbortiveClose, RstReason.TCP_ABORT_ON_CLOSE, true), (row.Diagnosis.Cause, row.Kernel?.Reason, row.Agrees));
    }

    [Fact]
    public void It_finds_no_kernel_reason_for_a_firewalls_resets_and_calls_that_agreement()
    {
        var rows = TracedDiagnosis.OfRecording("diagnose/firewall-reject");

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((ResetCause.FirewallReject, (ResetEvent?)null, true, (bool?)true), (r.Diagnosis.Cause, r.Kernel, r.Traced, r.Agrees)));
    }

    [Fact]
    public void It_has_nothing_to_compare_for_an_unknown_recording()
    {
        Assert.Empty(TracedDiagnosis.OfRecording("no-such-recording"));
    }
}
