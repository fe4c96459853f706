using System.Text;
using System.Text.RegularExpressions;
using RstLab.Cli;
using RstLab.Cli.Course;

namespace RstLab.Tests;

/// <summary>./lab run's summary table and out/index.html are one run's data; its progress comes from dotnet-repl's own log of a real run.</summary>
public class CourseRunTests
{
    [Fact]
    public void It_prints_the_same_rows_as_the_index_page_and_saves_the_run()
    {
        using var course = new FakeCourse();

        var (code, output) = course.Lab("run");

        Assert.True(code == 0, output);
        var run = CourseRun.Load(Path.Combine(course.Root, "out"))!;
        Assert.Equal(["01-first", "02-second"], run.Notebooks.Select(n => n.Notebook));
        var html = File.ReadAllText(Path.Combine(course.Root, "out", IndexPage.FileName));
        foreach (var row in run.Notebooks)
        {
            Assert.Matches($@"{row.Notebook}\s+ok\s+2/2\s+S → R\.\s+ConnectionRefused 111\s+{row.Seconds}", output);
            Assert.Contains($"<td>{row.Notebook}<div class=\"question\">{row.Title}</div></td>", html.Replace("&#x27;", "'"));
        }
        Assert.Equal(2, Regex.Count(html, "✓ 2 of 2 claims hold"));
        Assert.Equal(2, Regex.Count(html, "<td>S → R\\.</td>"));
        Assert.Contains("Why did close() send a RST?", html);
        // Plain lines in a log: each notebook's cells as they finish.
        Assert.Contains("== running 01-first (3 cells, no earlier run)", output);
        Assert.Contains("   01-first: ok, 2/2 checks,", output);
        // Each kernel with the runtime settings of a short-lived process.
        var runtime = string.Join(" ", NotebookRunner.HeadlessRuntime.Select(s => $"{s.Key}={s.Value}"));
        Assert.Equal("DOTNET_TieredPGO=0 DOTNET_TC_CallCountThreshold=65535", runtime);
        foreach (var row in run.Notebooks)
            Assert.Equal(runtime, File.ReadAllText(Path.Combine(course.Root, "fake", "runtime-" + row.Notebook)).Trim());
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, NotebookRunner.YieldingNice)]
    public async Task A_notebook_that_yields_runs_its_kernel_at_a_lower_cpu_priority(bool yielding, int nice)
    {
        using var course = new FakeCourse();
        var output = Directory.CreateDirectory(Path.Combine(course.Root, "out", "summary")).Parent!.FullName;
        var environment = new Dictionary<string, string> { [RstLab.Evidence.Checks.SummaryVariable] = Path.Combine(output, "summary") };

        var exit = await new NotebookRunner(course.Repository, output).RunAsync("01-first", environment, _ => { }, CancellationToken.None, yielding: yielding);

        Assert.Equal(0, exit.Code);
        Assert.Equal($"{nice}", File.ReadAllText(Path.Combine(course.Root, "fake", "nice-01-first")).Trim());
    }

    [Fact]
    public void It_runs_the_reference_solutions_in_a_copy_and_keeps_the_learners_progress_out_of_it()
    {
        using var course = new FakeCourse();
        var solutions = Directory.CreateDirectory(Path.Combine(course.Root, "notebooks", "solutions")).FullName;
        File.WriteAllText(Path.Combine(solutions, "01-first.md"), "# Solutions\n\n## Exercise 01.1 (cell b)\n\n```csharp\n40 + 2\n```\n");

        var (code, output) = course.Lab("run", "--solutions");

        Assert.True(code == 0, output);
        Assert.Contains("40 + 2", File.ReadAllText(Path.Combine(course.Root, "fake", "ran-01-first.ipynb")));
        Assert.DoesNotContain("1 + 1", File.ReadAllText(Path.Combine(course.Root, "fake", "ran-01-first.ipynb")));
        Assert.Contains("1 + 1", File.ReadAllText(Path.Combine(course.Root, "fake", "ran-02-second.ipynb")));   // no solutions: as it is
        Assert.False(Directory.Exists(Path.Combine(course.Root, "notebooks", ".solutions")));
        Assert.False(File.Exists(Path.Combine(course.Root, "progress.json")));
        Assert.Contains("<th>your exercises</th>", File.ReadAllText(Path.Combine(course.Root, "out", IndexPage.FileName)));
    }

    [Fact]
    public void It_shows_the_time_of_the_previous_run_and_runs_only_the_notebooks_named()
    {
        using var course = new FakeCourse();
        course.Lab("run");

        var (code, output) = course.Lab("run", "02");

        Assert.True(code == 0, output);
        Assert.Matches(@"== running 02-second \(3 cells, last run \d+ s\)", output);
        Assert.DoesNotContain("01-first", output);
    }

    [Fact]
    public void It_fails_a_notebook_whose_check_cell_did_not_hold_or_never_ran()
    {
        var ok = new ChildExit(0, false, TimeSpan.FromSeconds(3));
        var failedCell = new ChildExit(2, false, TimeSpan.FromSeconds(3));
        var held = new CheckSummary(5, 0, new Dictionary<string, string>());
        var notHeld = new CheckSummary(4, 1, new Dictionary<string, string>());

        Assert.Equal(NotebookOutcome.Passed, CourseRow.OutcomeOf(ok, held));
        Assert.Equal(NotebookOutcome.Failed, CourseRow.OutcomeOf(ok, null));
        Assert.Equal(NotebookOutcome.Failed, CourseRow.OutcomeOf(ok, new CheckSummary(0, 0, held.Facts)));
        Assert.Equal(NotebookOutcome.Failed, CourseRow.OutcomeOf(failedCell, notHeld));
        Assert.Equal(NotebookOutcome.TimedOut, CourseRow.OutcomeOf(new ChildExit(-1, true, TimeSpan.FromMinutes(10)), held));
        Assert.Equal("✗ failed: 4 of 5 claims hold", Row(NotebookOutcome.Failed, notHeld).Verdict);
        Assert.Equal("✗ failed before its check cell", Row(NotebookOutcome.Failed, null).Verdict);
        Assert.Equal(("FAILED", "0/0", "-"), (Row(NotebookOutcome.Failed, null).Result, Row(NotebookOutcome.Failed, null).ChecksText, Row(NotebookOutcome.Failed, null).Fact("errno")));
    }

    [Fact]
    public void It_reads_the_check_summary_a_real_notebook_run_wrote()
    {
        var summary = CheckSummary.Read(Fixtures.Path("lab/00-lab-check.summary.json"))!;

        Assert.Equal(0, summary.Failed);
        Assert.True(summary.Passed > 0);
        Assert.StartsWith("none (baseline)", summary.Facts["RST seen"]);
    }

    [Fact]
    public void It_counts_the_cells_of_a_real_run_from_the_kernel_log_even_read_in_pieces()
    {
        // The log dotnet-repl wrote with --log-path while ./lab run ran 00-lab-check (16 cells: 8 markdown, 8 code).
        var bytes = File.ReadAllBytes(Fixtures.Path("lab/00-lab-check.kernel.log"));
        using var folder = new TempFolder();
        var log = new KernelLog(folder.Path);
        var counts = new List<int>();
        using (var file = new FileStream(Path.Combine(folder.Path, "20261202-00001.log"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            // 997-byte pieces split lines and multi-byte characters (⁞Ε⁞) alike.
            for (var at = 0; at < bytes.Length; at += 997)
            {
                file.Write(bytes, at, Math.Min(997, bytes.Length - at));
                file.Flush();
                counts.Add(log.Poll());
            }
        }

        Assert.Equal(16, log.CellsDone);
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(16, Encoding.UTF8.GetString(bytes).Split('\n').Count(KernelLog.EndsCell));
    }

    static CourseRow Row(NotebookOutcome outcome, CheckSummary? checks) => new("01-x", "Why?", outcome, checks, TimeSpan.FromSeconds(12), false, false);
}
