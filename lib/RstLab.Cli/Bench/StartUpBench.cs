using System.Text.Json.Nodes;
using RstLab.Cli.Course;

namespace RstLab.Cli.Bench;

/// <summary>Measures <see cref="StartUp"/>: an empty notebook of the course through dotnet-repl, and a file-based app cold and warm.</summary>
/// <param name="repository">The repository whose first cell and library are used.</param>
public sealed class StartUpBench(Repository repository)
{
    /// <summary>Runs each measurement <paramref name="runs"/> times; the runs' files go to <c>out/bench/start-up/</c>.</summary>
    public async Task<StartUp> MeasureAsync(int runs, CancellationToken cancel)
    {
        var folder = Directory.CreateDirectory(Path.Combine(repository.Out, "bench", "start-up")).FullName;
        // Inside notebooks/, as the first cell's #r "../lib/bin/…" needs the kernel to start there.
        var copies = Directory.CreateDirectory(Path.Combine(repository.Notebooks, ".bench")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(copies, "empty.ipynb"), EmptyNotebook(repository.Notebook(repository.Course()[0])));
            var runner = new NotebookRunner(repository, folder);
            List<TimeSpan> notebook = [], cold = [], warm = [];
            for (var i = 0; i < runs; i++)
                notebook.Add(Succeeded(await runner.RunAsync("empty", new Dictionary<string, string>(), _ => { }, cancel, Path.Combine(".bench", "empty.ipynb")), "the empty notebook"));
            var app = Path.Combine(folder, "empty.cs");
            for (var i = 0; i < runs; i++)
            {
                File.WriteAllText(app, App(i));   // changed: the SDK builds it again
                cold.Add(Succeeded(await ChildProcess.RunAsync(repository.Dotnet, ["run", app], _ => { }, folder, timeout: TimeSpan.FromMinutes(3), cancel: cancel), "the app, cold"));
                warm.Add(Succeeded(await ChildProcess.RunAsync(repository.Dotnet, ["run", app], _ => { }, folder, timeout: TimeSpan.FromMinutes(3), cancel: cancel), "the app, warm"));
            }
            return new StartUp(notebook, cold, warm);
        }
        finally
        {
            Directory.Delete(copies, recursive: true);
        }
    }

    /// <summary>The course notebook <paramref name="first"/> with its first cell only (the one that loads the library).</summary>
    public static string EmptyNotebook(string first)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(first))!.AsObject();
        var load = notebook["cells"]!.AsArray().First(c => (string?)c!["cell_type"] == "code")!.DeepClone();
        notebook["cells"] = new JsonArray(load);
        return notebook.ToJsonString();
    }

    string App(int run) => $"""
        #:project {Path.Combine(repository.Root, "lib", "RstLab.Notebooks", "RstLab.Notebooks.csproj")}
        #:property PublishAot=false
        // run {run}
        System.Console.WriteLine(RstLab.Notebooks.LabNotebook.IsLoaded);
        """;

    static TimeSpan Succeeded(ChildExit exit, string what) => exit.Succeeded
        ? exit.Elapsed
        : throw new InvalidOperationException($"{what} did not run (exit {exit.Code}{(exit.TimedOut ? ", timed out" : "")}): see out/bench/start-up/.");
}
