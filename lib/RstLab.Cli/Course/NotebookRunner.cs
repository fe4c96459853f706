using System.Text.Json.Nodes;

namespace RstLab.Cli.Course;

/// <summary>Executes one notebook headless with the real kernel (dotnet-repl, or Jupyter's <c>.net-csharp</c>), as a learner's kernel would run it, and follows its cells.</summary>
/// <param name="repository">The repository whose notebook runs.</param>
/// <param name="output">Where the executed notebook (<c>NAME.ipynb</c>), the runner's output (<c>NAME.log</c>) and the kernel's log (<c>logs/NAME/</c>) go.</param>
public sealed class NotebookRunner(Repository repository, string output)
{
    /// <summary>The longest one notebook may run before it is ended.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>What executes the notebooks: dotnet-repl unless set.</summary>
    public NotebookHost Host { get; init; } = NotebookHost.Repl;

    /// <summary>Runs <paramref name="notebook"/> with <paramref name="environment"/> added; <paramref name="cellsDone"/> hears each finished cell.
    /// <paramref name="source"/>: the file to run instead, relative to <c>notebooks/</c> (a copy with the reference solutions), named <paramref name="notebook"/> in out/.</summary>
    public Task<ChildExit> RunAsync(string notebook, IReadOnlyDictionary<string, string> environment, Action<int> cellsDone, CancellationToken cancel, string? source = null) =>
        Host == NotebookHost.Jupyter
            ? InJupyterAsync(notebook, source ?? notebook + ".ipynb", environment, cellsDone, cancel)
            : InReplAsync(notebook, source ?? notebook + ".ipynb", environment, cellsDone, cancel);

    async Task<ChildExit> InReplAsync(string notebook, string source, IReadOnlyDictionary<string, string> environment, Action<int> cellsDone, CancellationToken cancel)
    {
        var logs = Directory.CreateDirectory(Path.Combine(output, "logs", notebook)).FullName;
        var kernelLog = new KernelLog(logs);
        await using var log = new StreamWriter(Path.Combine(output, notebook + ".log"));
        // dotnet-repl's own dll, not `dotnet repl`: the SDK starts tools with the system's dotnet, which would drop a capture copy's rights.
        string[] arguments = [repository.ToolDll("dotnet-repl") ?? "repl", "--run", source, "--exit-after-run", "--output-format", "ipynb",
            "--output-path", Path.Combine(output, notebook + ".ipynb"), "--log-path", logs];
        var run = ChildProcess.RunAsync(repository.Dotnet, arguments, log.WriteLine, repository.Notebooks, environment, Timeout, cancel);
        var done = 0;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
            if (kernelLog.Poll() != done)
                cellsDone(done = kernelLog.CellsDone);
        }
        if (kernelLog.Poll() != done)
            cellsDone(kernelLog.CellsDone);
        return await run;
    }

    // nbconvert runs every cell even after one fails (--allow-errors), so the page shows all of it; a cell that failed makes the exit status 1.
    // The kernel inherits nbconvert's environment and runs in the notebook's folder; Jupyter reports no cell progress, so it is counted at the end.
    async Task<ChildExit> InJupyterAsync(string notebook, string source, IReadOnlyDictionary<string, string> environment, Action<int> cellsDone, CancellationToken cancel)
    {
        var executed = Path.Combine(output, notebook + ".ipynb");
        await using var log = new StreamWriter(Path.Combine(output, notebook + ".log"));
        var run = await ChildProcess.RunAsync("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            "--ExecutePreprocessor.kernel_name=.net-csharp", $"--ExecutePreprocessor.timeout={(int)Timeout.TotalSeconds}",
            source, "--output-dir", output, "--output", notebook], log.WriteLine, repository.Notebooks, environment, Timeout, cancel);
        if (!File.Exists(executed))
            return run;
        var cells = JsonNode.Parse(await File.ReadAllTextAsync(executed, cancel))?["cells"]?.AsArray().OfType<JsonNode>().ToList() ?? [];
        cellsDone(cells.Count(c => c["execution_count"] is not null || (string?)c["cell_type"] == "markdown"));
        var failed = cells.Any(c => c["outputs"]?.AsArray().Any(o => (string?)o?["output_type"] == "error") == true);
        return failed && run.Code == 0 ? run with { Code = 1 } : run;
    }
}
