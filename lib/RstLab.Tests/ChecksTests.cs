using System.Text.Json;
using RstLab.Evidence;
using LabChecks = RstLab.Evidence.Checks;

namespace RstLab.Tests;

public sealed class ChecksTests
{
    [Fact]
    public void It_returns_the_checks_when_every_claim_holds()
    {
        using var _ = new EnvironmentVariable(LabChecks.SummaryVariable, null);
        var checks = new LabChecks("01-no-listener").That("a RST answered", true, "R.").That("errno is 111", true, 111);

        Assert.Same(checks, checks.Assert());
        Assert.True(checks.AllHold);
        Assert.Equal([new CheckResult("a RST answered", true, "R."), new CheckResult("errno is 111", true, "111")], checks.Results);
    }

    [Fact]
    public void It_lists_the_claims_that_do_not_hold()
    {
        using var _ = new EnvironmentVariable(LabChecks.SummaryVariable, null);
        var checks = new LabChecks("02-abort").That("a RST answered", true).That("seq is 0", false, 17).That("ack is ISN+1", false);

        var e = Assert.Throws<CheckFailedException>(() => checks.Assert());

        Assert.False(checks.AllHold);
        Assert.StartsWith("02-abort: 2 of 3 claims do not hold on this machine:", e.Message);
        Assert.Contains("✗ seq is 0 (observed: 17)", e.Message);
        Assert.Contains("✗ ack is ISN+1 (observed: )", e.Message);
        Assert.DoesNotContain("a RST answered", e.Message);
    }

    [Fact]
    public void It_claims_each_experiments_counter_moves_and_fails_one_that_has_not_ended()
    {
        using var _ = new EnvironmentVariable(LabChecks.SummaryVariable, null);
        var ended = Lab.Start("zz-checks-moved-ended", Lab.UnusedPort());
        ended.Dispose();
        using var running = Lab.Start("zz-checks-moved-running", Lab.UnusedPort());
        var none = Expect.Moved(("TCPMigrateReqSuccess", 0));

        var checks = new LabChecks("07-stack-corners").Moved(("ended", ended, none), ("running", running, none));

        Assert.Equal(["ended: TCPMigrateReqSuccess +0", "running: TCPMigrateReqSuccess +0"], checks.Results.Select(r => r.Claim));
        Assert.Equal([true, false], checks.Results.Select(r => r.Holds));   // no counters until it ends: nothing observed
        Assert.Equal("nothing", checks.Results[1].Observed);
    }

    [Fact]
    public void It_fails_when_no_claim_was_checked()
    {
        using var _ = new EnvironmentVariable(LabChecks.SummaryVariable, null);

        var e = Assert.Throws<CheckFailedException>(() => new LabChecks("03-empty").Assert());
        Assert.Equal("03-empty: no claim was checked.", e.Message);
    }

    [Fact]
    public void It_wants_a_claim_text() =>
        Assert.Throws<LabArgumentException>(() => new LabChecks("x").That(" ", true));

    [Fact]
    public void It_writes_a_summary_when_asked_even_if_a_claim_fails()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "summaries");
        using var _ = new EnvironmentVariable(LabChecks.SummaryVariable, folder);
        var checks = new LabChecks("04-summary").That("holds", true).That("fails", false).Fact("errno", "ECONNREFUSED 111");

        Assert.Throws<CheckFailedException>(() => checks.Assert());

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "04-summary.summary.json")));
        var root = json.RootElement;
        Assert.Equal("04-summary", root.GetProperty("notebook").GetString());
        Assert.Equal((1, 1), (root.GetProperty("passed").GetInt32(), root.GetProperty("failed").GetInt32()));
        Assert.Equal("ECONNREFUSED 111", root.GetProperty("facts").GetProperty("errno").GetString());
    }

    [Fact]
    public void It_writes_no_summary_unless_asked()
    {
        using var _ = new EnvironmentVariable(LabChecks.SummaryVariable, null);

        new LabChecks("05-quiet").That("holds", true).Assert();

        Assert.False(File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "05-quiet.summary.json")));
    }
}
