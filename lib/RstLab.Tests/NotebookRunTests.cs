using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>Every notebook, executed headless by the real kernel; any failing cell (a check cell included) fails the test.</summary>
[Collection("live")]
public sealed class NotebookRunTests
{
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_runs_every_cell_without_error(string name) =>
        AssertCompleted(Notebooks.ExecuteOnce(name));   // BrowserTests renders this same run

    /// <summary>Rerunning a cell works and shows the same evidence: a copy with every code cell run three times in a row passes its
    /// checks, and each cell's three runs show the same flags, call results, socket states and claims. A cell that starts an
    /// experiment runs it afresh each time; a later cell of that experiment (its server's or client's next calls) shows its first
    /// run again, marked as such, since a socket call cannot be undone (<see cref="RstLab.Notebooks.CellReplay"/>).</summary>
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_shows_the_same_evidence_when_every_cell_runs_three_times(string name)
    {
        var run = Notebooks.ExecuteVariant(name, "thrice", cells =>
            cells.SelectMany(c => Notebooks.IsCode(c) ? [c, c.DeepClone(), c.DeepClone()] : new[] { c }));
        AssertCompleted(run);
        var code = Notebooks.CodeCells(run.Executed!).ToList();
        Assert.Contains(code, c => Notebooks.Evidence(c).Contains("packets: client [S]"));   // the comparison below has tables to compare
        // A cell that ends an experiment an earlier cell started is a step cell: run again, it shows its first run, and says so.
        if (code.Any(c => System.Text.RegularExpressions.Regex.IsMatch(Notebooks.Source(c), @"^\w+\.Dispose\(\);", System.Text.RegularExpressions.RegexOptions.Multiline)))
            Assert.Contains("Shown again, not run again", Notebooks.Html(run.Executed!));
        for (var i = 0; i < code.Count; i += 3)
        {
            var first = Notebooks.Evidence(code[i]);
            Assert.True(first == Notebooks.Evidence(code[i + 1]) && first == Notebooks.Evidence(code[i + 2]),
                $"cell '{Notebooks.Source(code[i]).Split('\n')[0]}' showed different evidence when run again:\n" +
                string.Join("\n---\n", code.Skip(i).Take(3).Select(Notebooks.Evidence)));
        }
    }

    /// <summary>Cells run out of order (the check cell first, the first experiment last) say which cells to run first; none shows a
    /// stack trace or a table from a run that did not happen.</summary>
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_says_what_to_run_first_when_cells_run_out_of_order(string name)
    {
        var run = Notebooks.ExecuteVariant(name, "reversed", cells =>
        {
            var code = cells.Where(Notebooks.IsCode).ToList();
            return code.Take(1).Concat(code.Skip(1).Reverse());   // the first cell loads the library; then bottom to top
        });
        Assert.True(run.Executed is not null, $"no executed notebook was written; the runner said: {run.Log}");
        var cells = Notebooks.CodeCells(run.Executed!).ToList();
        var errors = cells.SelectMany(c => (c["outputs"]?.AsArray() ?? []).Where(o => (string?)o!["output_type"] == "error")
            .Select(o => (Cell: Notebooks.Source(c).Split('\n')[0], Message: (string?)o!["evalue"] ?? ""))).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Message.Contains("Run the cells above this one first") && !e.Message.Contains("   at "),
            $"cell '{e.Cell}' failed without saying what to run first: {e.Message}"));
        // The check cell, run first, cannot have seen any experiment.
        Assert.Contains("Run the cells above this one first", string.Concat((cells[1]["outputs"]?.AsArray() ?? []).Select(o => (string?)o!["evalue"])));
    }

    /// <summary>The Jupyter route: nbconvert starts the registered <c>.net-csharp</c> kernel, which loads the library with the same first cell.</summary>
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_runs_in_jupyter_with_the_net_csharp_kernel(string name)
    {
        using var output = new TempFolder();
        AssertCompleted(Notebooks.ExecuteInJupyter(name, output.Path));
    }

    /// <summary>As an ordinary user without capabilities: the experiments still run, captures come from data/, and the notebook says why.</summary>
    [LiveTheory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_completes_without_privileges_and_says_why(string name)
    {
        var course = Learner.Ensure();
        using var output = new TempFolder();
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(output.Path, (UnixFileMode)0x1FF);
        var html = AssertCompleted(Notebooks.Execute(name, output.Path, Learner.Name, folder: Path.Combine(course, "notebooks")));
        var page = System.Net.WebUtility.HtmlDecode(html);
        Assert.Contains("Recorded capture", html);
        Assert.Contains("not permitted for this user", html);
        Assert.Contains("./lab setup --capture (cap_net_raw,cap_net_admin on a copy of dotnet that only you can run", page);
        // A part that needs a namespace says so too, with the command that shows it live.
        if (CaptureCapabilityTests.UsesNamespaces(name) || page.Contains("network namespace needs root"))
            Assert.Contains("Capabilities set on dotnet do not reach the ip command, so run the course as root to see this part live: sudo ./lab run", page);
        // Tracing needs root too: the recordings carry the reasons traced when they were made, and the check cell claims those.
        if (ClaimsReasons(name))
        {
            Assert.Contains("for its reset (in the recording)", page);
            Assert.Contains("The kernel's reset reasons shown are those it traced when this was recorded.", page);
        }
    }

    /// <summary>Whether the notebook's check cell claims the kernel's traced reasons (the condition notebooks).</summary>
    internal static bool ClaimsReasons(string name) =>
        Notebooks.CodeCells(Notebooks.Load(Path.Combine(Notebooks.Folder, name))).Any(c => Notebooks.Source(c).Contains(".Reason(\""));

    /// <summary>Asserts the run wrote a notebook with no error output and every claim holding; returns its HTML.</summary>
    internal static string AssertCompleted((int ExitCode, JsonNode? Executed, string Log) run)
    {
        Assert.True(run.Executed is not null, $"no executed notebook was written; the runner said: {run.Log}");
        var errors = Notebooks.Errors(run.Executed!);
        Assert.True(errors.Count == 0, "a cell failed:\n" + string.Join("\n", errors));
        Assert.Equal(0, run.ExitCode);
        var html = Notebooks.Html(run.Executed!);
        Assert.Matches(@"(\d+) of \1 claims hold on this machine", html);
        return html;
    }
}
