using RstLab.Cli;
using RstLab.Cli.Course;

namespace RstLab.Tests;

/// <summary><c>./lab run --runner repl|jupyter</c>: the same notebook through dotnet-repl and through Jupyter's <c>.net-csharp</c> kernel, each
/// writing an executed notebook whose cells all ran and whose claims all held.</summary>
[Collection("live")]
public sealed class NotebookHostTests
{
    [Theory]
    [InlineData(NotebookHost.Repl)]
    [InlineData(NotebookHost.Jupyter)]
    public async Task It_runs_a_notebook_with_either_host(NotebookHost host)
    {
        using var output = new TempFolder();
        var summaries = Directory.CreateDirectory(Path.Combine(output.Path, "summary")).FullName;
        var cells = new List<int>();
        var exit = await new NotebookRunner(new Repository(Notebooks.Root), output.Path) { Host = host }
            .RunAsync("01-no-listener", new Dictionary<string, string> { [RstLab.Evidence.Checks.SummaryVariable] = summaries }, cells.Add, CancellationToken.None);
        var log = File.ReadAllText(Path.Combine(output.Path, "01-no-listener.log"));
        Assert.True(exit.Succeeded, $"{host}: exit {exit.Code}:\n{log}");
        var executed = Notebooks.Load(Path.Combine(output.Path, "01-no-listener.ipynb"));
        Assert.Empty(Notebooks.Errors(executed));
        Assert.Matches(@"(\d+) of \1 claims hold on this machine", Notebooks.Html(executed));
        Assert.True(CheckSummary.Read(Path.Combine(summaries, "01-no-listener.summary.json")) is { Failed: 0, Total: > 0 }, $"{host}: the check cell's summary is missing or has failed claims");
        Assert.Equal(Notebooks.CodeCells(Notebooks.Load(Path.Combine(Notebooks.Folder, "01-no-listener.ipynb"))).Count(), Notebooks.CodeCells(executed).Count());
        Assert.NotEmpty(cells);   // progress was reported
    }
}
