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

    /// <summary>Rerunning a cell works: a copy of the notebook with every code cell run twice in a row still passes its checks.</summary>
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_survives_every_cell_run_twice(string name)
    {
        var twice = Notebooks.Load(Path.Combine(Notebooks.Folder, name));
        var cells = twice["cells"]!.AsArray();
        foreach (var cell in Notebooks.CodeCells(twice).ToList())
            cells.Insert(cells.IndexOf(cell), cell.DeepClone());
        // Inside the repository, so the first cell finds lib/; in a folder of its own, so no other test lists it.
        var folder = Directory.CreateDirectory(Path.Combine(Notebooks.Folder, $".twice-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(name)}")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, name), twice.ToJsonString());
            using var output = new TempFolder();
            AssertCompleted(Notebooks.Execute(name, output.Path, folder: folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip", page);
        // A part that needs a namespace says so too, with the command that shows it live.
        if (CaptureCapabilityTests.UsesNamespaces(name) || page.Contains("network namespace needs root"))
            Assert.Contains("Capabilities set on dotnet do not reach the ip command, so run the course as root to see this part live: sudo ./lab run", page);
    }

    /// <summary>Asserts the run wrote a notebook with no error output and every claim holding; returns its HTML.</summary>
    internal static string AssertCompleted((int ExitCode, JsonNode? Executed, string Log) run)
    {
        Assert.True(run.Executed is not null, $"no executed notebook was written; the runner said: {run.Log}");
        Assert.Empty(Notebooks.Errors(run.Executed!));
        Assert.Equal(0, run.ExitCode);
        var html = Notebooks.Html(run.Executed!);
        Assert.Matches(@"(\d+) of \1 claims hold on this machine", html);
        return html;
    }
}
