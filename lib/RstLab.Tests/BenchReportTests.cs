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
        Assert.Contains("| the whole course, with pages and screenshots | | | 71.9 s |", markdown);
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
    public void It_describes_this_machine()
    {
        var machine = Machine.Now();

        Assert.Equal(RstLab.Capture.Recordings.KernelRelease(), machine.Kernel);
        Assert.True(machine.MemoryGiB > 0);
        Assert.Matches(@"^\d+\.\d+ \d+\.\d+ \d+\.\d+$", machine.LoadBefore);
        Assert.StartsWith("10.", machine.DotnetSdk);
    }
}
