using RstLab.Cli;
using RstLab.Cli.Testing;

namespace RstLab.Tests;

/// <summary>The closing line of ./lab test, read from real TRX files of real runs (fixtures/lab: see fixtures/README.md).</summary>
public class TrxReportTests
{
    [Fact]
    public void It_counts_skipped_tests_that_the_counters_leave_out()
    {
        // dotnet test wrote notExecuted="0" in <Counters> while its console said "Skipped: 1".
        Assert.Contains("notExecuted=\"0\"", Fixtures.Text("lab/skipped.trx"));

        var report = TrxReport.Read(Fixtures.Path("lab/skipped.trx"));

        Assert.Equal(new TestCounts(6, 0, 1), report.Counts);
        Assert.Equal("6 passed, 0 failed, 1 skipped", report.Counts.ToString());
        Assert.Equal("RstLab.Tests.ExperimentTimesBenchmark.It_reports_min_median_and_max_of_every_experiment", Assert.Single(report.Results, r => r.Skipped).Name);
    }

    [Fact]
    public void It_counts_a_failure_and_keeps_its_message_and_what_a_test_printed()
    {
        var report = TrxReport.Read(Fixtures.Path("lab/mixed.trx"));

        Assert.Equal(new TestCounts(2, 1, 1), report.Counts);
        Assert.Contains("Assert.Equal() Failure", Assert.Single(report.Results, r => r.Failed).Error);
        Assert.Equal(["figure: 42"], report.Results.Single(r => r.Name == "Sample.Mixed.It_passes").Printed);
    }

    [Fact]
    public void It_counts_tests_as_the_console_logger_reports_them_finishing()
    {
        var progress = new TestProgress();
        var seen = File.ReadLines(Fixtures.Path("lab/mixed.console.log")).Select(progress.Read).OfType<string>().ToList();

        // The same counts as the TRX of that run, from the lines alone ("Passed: 2" in the totals is not a test).
        Assert.Equal(TrxReport.Read(Fixtures.Path("lab/mixed.trx")).Counts, progress.Counts);
        Assert.Equal(4, seen.Count);
    }

    [Fact]
    public void It_ends_with_the_closing_line_and_fails_on_any_failure()
    {
        var failed = Close(Fixtures.Path("lab/mixed.trx"), new ChildExit(1, false, TimeSpan.Zero));
        var passed = Close(Fixtures.Path("lab/skipped.trx"), new ChildExit(0, false, TimeSpan.Zero));

        Assert.Equal((1, "2 passed, 1 failed, 1 skipped"), failed);
        Assert.Equal((0, "6 passed, 0 failed, 1 skipped"), passed);
    }

    [Fact]
    public void It_names_each_failed_test_and_its_message_just_before_the_closing_line()
    {
        // A CI log keeps only its tail, where the console logger's failure, printed when the test ended, is long gone.
        var (_, lines) = Output(Fixtures.Path("lab/mixed.trx"), new ChildExit(1, false, TimeSpan.Zero));

        Assert.Equal(["failed: Sample.Mixed.It_fails", "  Assert.Equal() Failure: Values differ", "  Expected: 1", "  Actual:   2", "2 passed, 1 failed, 1 skipped"], lines);
    }

    [Fact]
    public void It_fails_a_run_that_wrote_no_results_or_exited_badly_without_a_failed_test()
    {
        using var folder = new TempFolder();

        Assert.Equal((1, "0 passed, 1 failed, 0 skipped"), Close(Path.Combine(folder.Path, "missing.trx"), new ChildExit(0, false, TimeSpan.Zero)));
        Assert.Equal((1, "6 passed, 0 failed, 1 skipped"), Close(Fixtures.Path("lab/skipped.trx"), new ChildExit(1, false, TimeSpan.Zero)));
    }

    [Fact]
    public void It_names_a_file_that_is_not_a_test_results_file()
    {
        var e = Assert.Throws<InvalidDataException>(() => TrxReport.Read(Fixtures.Path("refused.pcap")));

        Assert.Contains("refused.pcap is not a test results file", e.Message);
    }

    static (int Code, string LastLine) Close(string trx, ChildExit exit)
    {
        var (code, lines) = Output(trx, exit);
        return (code, lines[^1]);
    }

    static (int Code, string[] Lines) Output(string trx, ChildExit exit)
    {
        var output = new StringWriter();
        var code = TestVerb.Close(Terminal.Plain(output), exit, trx);
        return (code, output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
    }
}
