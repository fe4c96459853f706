using RstLab.Cli.Bench;
using RstLab.Cli.Course;
using RstLab.Cli.Testing;

namespace RstLab.Tests;

/// <summary>./lab bench's bench.md and bench.json, from a real TRX and this machine.</summary>
public class BenchReportTests
{
    [Fact]
    public void It_writes_each_tests_figures_and_the_machine_into_markdown_and_json()
    {
        var machine = Machine.Now() with { LoadAfter = "0.50 0.40 0.30" };
        var run = new CourseRun(DateTimeOffset.UtcNow, [new CourseRow("01-no-listener", "Why?", NotebookOutcome.Passed,
            new CheckSummary(20, 0, new Dictionary<string, string>()), TimeSpan.FromMilliseconds(11_700), true, true)], TimeSpan.FromSeconds(71.9));
        var results = TrxReport.Read(Fixtures.Path("lab/mixed.trx")).Results;

        var report = new BenchReport(machine, run, 10, results, 20, null);
        var markdown = report.Markdown("out/bench/*.log");
        using var json = System.Text.Json.JsonDocument.Parse(report.Json());

        Assert.Contains("| 01-no-listener | ok | 20/20 | 11.7 s |", markdown);
        Assert.Contains("| the whole course, with pages and screenshots, 1 at once | | | 71.9 s |", markdown);
        Assert.DoesNotContain("Start-up", markdown);   // not measured: no ratio
        Assert.Contains("### Mixed.It_passes: Passed", markdown);
        Assert.Contains("```\nfigure: 42\n```", markdown.Replace("\r\n", "\n"));
        Assert.Contains("(no test in category Stress here: see out/bench/*.log)", markdown);
        Assert.Equal(Environment.ProcessorCount, json.RootElement.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("0.50 0.40 0.30", json.RootElement.GetProperty("machine").GetProperty("load average after").GetString());
        Assert.Equal(11_700, json.RootElement.GetProperty("course").GetProperty("notebooks")[0].GetProperty("ms").GetInt64());
        Assert.Equal(4, json.RootElement.GetProperty("benchmarks").GetProperty("tests").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("stress").GetProperty("tests").ValueKind);
    }

    [Fact]
    public void It_gives_each_start_up_and_whole_run_as_a_ratio_to_the_empty_notebook()
    {
        static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
        CourseRun Course(double seconds, int jobs, int mostAtOnce) => new(DateTimeOffset.UtcNow, new[] { "00-a", "01-b", "02-c", "03-d" }.Select(n => new CourseRow(n, "", NotebookOutcome.Passed,
            new CheckSummary(1, 0, new Dictionary<string, string>()), S(5), true, true)).ToList(), S(seconds)) { Jobs = jobs, MostAtOnce = mostAtOnce };
        var startUp = new StartUp([S(3.6), S(3.0), S(3.2)], [S(4.0), S(3.8), S(3.9)], [S(1.9), S(2.1), S(2.0)]);

        var report = new BenchReport(Machine.Now(), Course(20.0, 2, 3), 10, null, 20, null) { StartUp = startUp, OneAtATime = Course(40.0, 1, 1) };
        var markdown = report.Markdown("out/bench/*.log");
        using var json = System.Text.Json.JsonDocument.Parse(report.Json());

        Assert.Equal(S(3.2), startUp.Floor);                               // the median, not the mean or the first
        Assert.Equal(S(3.1), StartUp.Median([S(3.0), S(3.2)]));
        Assert.Equal(20.0 / (4 * 3.2), report.Ratio(report.Course)!.Value, 6);
        Assert.Contains("| an empty notebook (the course's first cell only), dotnet-repl, kernel start included | 3.6 / 3.0 / 3.2 s | 3.2 s | 1.00 |", markdown);
        Assert.Contains("| the same app, warm (the SDK checks its build is current) | 1.9 / 2.1 / 2.0 s | 2.0 s | 0.63 |", markdown);
        Assert.Contains("| the whole course (4 notebooks, pages, screenshots), one notebook at a time | | 40.0 s | 12.5 = 3.13 × 4 |", markdown);
        Assert.Contains("| the whole course as ./lab run runs it (2 at once, up to 3 while cores stood idle) | | 20.0 s | 6.3 = 1.56 × 4 |", markdown);
        Assert.Contains("| target: 2 × 4 notebooks × the empty notebook | | 25.6 s | 8 |", markdown);
        Assert.Equal(1.56, json.RootElement.GetProperty("start-up").GetProperty("ratio to notebooks x floor").GetDouble());
        Assert.Equal(3.13, json.RootElement.GetProperty("course one at a time").GetProperty("ratio to notebooks x floor").GetDouble());
    }

    [Fact]
    public void It_describes_this_machine()
    {
        var machine = Machine.Now();

        Assert.Equal(RstLab.Capture.Recordings.KernelRelease(), machine.Kernel);
        Assert.True(machine.MemoryGiB > 0);
        Assert.Matches(@"^\d+\.\d+ \d+\.\d+ \d+\.\d+$", machine.LoadBefore);
        Assert.StartsWith("10.", machine.DotnetSdk);
    }
}
