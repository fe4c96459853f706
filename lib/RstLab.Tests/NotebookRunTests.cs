namespace RstLab.Tests;

/// <summary>Every notebook, executed headless by the real kernel; any failing cell (a check cell included) fails the test.</summary>
[Collection("live")]
public sealed class NotebookRunTests
{
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_runs_every_cell_without_error(string name)
    {
        using var output = new TempFolder();
        var (exitCode, executed, log) = Notebooks.Execute(name, output.Path);
        Assert.True(executed is not null, $"no executed notebook was written; runner said: {log}");
        Assert.Empty(Notebooks.Errors(executed!));
        Assert.Equal(0, exitCode);
        Assert.Matches(@"(\d+) of \1 claims hold on this machine", Notebooks.Html(executed!));
    }

    /// <summary>The Jupyter route: nbconvert starts the registered <c>.net-csharp</c> kernel, which loads the library with the same first cell.</summary>
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_runs_in_jupyter_with_the_net_csharp_kernel(string name)
    {
        using var output = new TempFolder();
        var (exitCode, executed, log) = Notebooks.ExecuteInJupyter(name, output.Path);
        Assert.True(executed is not null, $"nbconvert wrote nothing; it said: {log}");
        Assert.Empty(Notebooks.Errors(executed!));
        Assert.Equal(0, exitCode);
        Assert.Matches(@"(\d+) of \1 claims hold on this machine", Notebooks.Html(executed!));
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
        var (exitCode, executed, log) = Notebooks.Execute(name, output.Path, Learner.Name, folder: Path.Combine(course, "notebooks"));
        Assert.True(executed is not null, $"no executed notebook was written; runner said: {log}");
        Assert.Empty(Notebooks.Errors(executed!));
        Assert.Equal(0, exitCode);
        var html = Notebooks.Html(executed!);
        Assert.Contains("Recorded capture", html);
        Assert.Contains("not permitted for this user", html);
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip", System.Net.WebUtility.HtmlDecode(html));
    }
}
