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

    /// <summary>The .NET runtime's settings for a headless kernel, which lives seconds to a minute: no profile-guided tier, and a method is recompiled
    /// optimized after 65535 calls instead of 30, since that recompiling costs such a short process more CPU than it saves (the README's Benchmarks).</summary>
    /// <remarks>Only for the kernels <c>./lab run</c> and the tests start: a learner's kernel in VS Code or JupyterLab lives for hours and keeps the defaults.</remarks>
    public static readonly IReadOnlyDictionary<string, string> HeadlessRuntime = new Dictionary<string, string>
    {
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_TC_CallCountThreshold"] = "65535",   // the runtime's most (a 16-bit count)
    };

    /// <summary>The CPU priority (<c>nice</c>) of a notebook that yields to others.</summary>
    public const int YieldingNice = 10;

    /// <summary>Runs <paramref name="notebook"/> with <see cref="HeadlessRuntime"/> and <paramref name="environment"/> added; <paramref name="cellsDone"/> hears each finished cell.
    /// <paramref name="source"/>: the file to run instead, relative to <c>notebooks/</c> (a copy with the reference solutions), named <paramref name="notebook"/> in out/.
    /// With <paramref name="yielding"/>, the runner and its kernel run at a lower CPU priority (<see cref="YieldingNice"/>): they take what other notebooks leave.</summary>
    public Task<ChildExit> RunAsync(string notebook, IReadOnlyDictionary<string, string> environment, Action<int> cellsDone, CancellationToken cancel, string? source = null,
        bool yielding = false)
    {
        var kernel = new Dictionary<string, string>(HeadlessRuntime);
        foreach (var (name, value) in environment)
            kernel[name] = value;
        return Host == NotebookHost.Jupyter
            ? InJupyterAsync(notebook, source ?? notebook + ".ipynb", kernel, cellsDone, yielding, cancel)
            : InReplAsync(notebook, source ?? notebook + ".ipynb", kernel, cellsDone, yielding, cancel);
    }

    // nice(1) starts the program at the priority its every thread inherits; .NET's PriorityClass would set the first thread's only.
    static (string Program, string[] Arguments) Niced(bool yielding, string program, string[] arguments) =>
        yielding ? ("nice", ["-n", $"{YieldingNice}", program, .. arguments]) : (program, arguments);

    async Task<ChildExit> InReplAsync(string notebook, string source, IReadOnlyDictionary<string, string> environment, Action<int> cellsDone, bool yielding, CancellationToken cancel)
    {
        var logs = Directory.CreateDirectory(Path.Combine(output, "logs", notebook)).FullName;
        var kernelLog = new KernelLog(logs);
        await using var log = new StreamWriter(Path.Combine(output, notebook + ".log"));
        // dotnet-repl's own dll, not `dotnet repl`: the SDK starts tools with the system's dotnet, which would drop a capture copy's rights.
        string[] arguments = [repository.ToolDll("dotnet-repl") ?? "repl", "--run", source, "--exit-after-run", "--output-format", "ipynb",
            "--output-path", Path.Combine(output, notebook + ".ipynb"), "--log-path", logs];
        var (program, niced) = Niced(yielding, repository.Dotnet, arguments);
        var run = ChildProcess.RunAsync(program, niced, log.WriteLine, repository.Notebooks, environment, Timeout, cancel);
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
    async Task<ChildExit> InJupyterAsync(string notebook, string source, IReadOnlyDictionary<string, string> environment, Action<int> cellsDone, bool yielding, CancellationToken cancel)
    {
        var executed = Path.Combine(output, notebook + ".ipynb");
        await using var log = new StreamWriter(Path.Combine(output, notebook + ".log"));
        var (program, arguments) = Niced(yielding, "jupyter", ["nbconvert", "--to", "notebook", "--execute", "--allow-errors",
            "--ExecutePreprocessor.kernel_name=.net-csharp", $"--ExecutePreprocessor.timeout={(int)Timeout.TotalSeconds}",
            source, "--output-dir", output, "--output", notebook]);
        var run = await ChildProcess.RunAsync(program, arguments, log.WriteLine, repository.Notebooks, environment, Timeout, cancel);
        if (!File.Exists(executed))
            return run;
        var cells = JsonNode.Parse(await File.ReadAllTextAsync(executed, cancel))?["cells"]?.AsArray().OfType<JsonNode>().ToList() ?? [];
        cellsDone(cells.Count(c => c["execution_count"] is not null || (string?)c["cell_type"] == "markdown"));
        var failed = cells.Any(c => c["outputs"]?.AsArray().Any(o => (string?)o?["output_type"] == "error") == true);
        return failed && run.Code == 0 ? run with { Code = 1 } : run;
    }
}
