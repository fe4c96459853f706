namespace RstLab.Cli.Course;

/// <summary>Executes one notebook headless with the real kernel (dotnet-repl), as a learner's kernel would run it, and follows its cells.</summary>
/// <param name="repository">The repository whose notebook runs.</param>
/// <param name="output">Where the executed notebook (<c>NAME.ipynb</c>), the runner's output (<c>NAME.log</c>) and the kernel's log (<c>logs/NAME/</c>) go.</param>
public sealed class NotebookRunner(Repository repository, string output)
{
    /// <summary>The longest one notebook may run before it is ended.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="notebook"/> with <paramref name="environment"/> added; <paramref name="cellsDone"/> hears each finished cell.
    /// <paramref name="source"/>: the file to run instead, relative to <c>notebooks/</c> (a copy with the reference solutions), named <paramref name="notebook"/> in out/.</summary>
    public async Task<ChildExit> RunAsync(string notebook, IReadOnlyDictionary<string, string> environment, Action<int> cellsDone, CancellationToken cancel, string? source = null)
    {
        var logs = Directory.CreateDirectory(Path.Combine(output, "logs", notebook)).FullName;
        var kernelLog = new KernelLog(logs);
        await using var log = new StreamWriter(Path.Combine(output, notebook + ".log"));
        // dotnet-repl's own dll, not `dotnet repl`: the SDK starts tools with the system's dotnet, which would drop a capture copy's rights.
        string[] arguments = [repository.ToolDll("dotnet-repl") ?? "repl", "--run", source ?? notebook + ".ipynb", "--exit-after-run", "--output-format", "ipynb",
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
}
