using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>The course's notebooks on disk and a way to execute one with the real kernel (dotnet-repl, as <c>./lab run</c> does).</summary>
static class Notebooks
{
    public static string Root { get; } = FindRoot();

    public static string Folder => System.IO.Path.Combine(Root, "notebooks");

    public static IEnumerable<object[]> All() =>
        Directory.GetFiles(System.IO.Path.Combine(FindRoot(), "notebooks"), "*.ipynb").Order().Select(p => new object[] { System.IO.Path.GetFileName(p) });

    public static JsonNode Load(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    public static IEnumerable<JsonNode> CodeCells(JsonNode notebook) =>
        notebook["cells"]!.AsArray().Select(c => c!).Where(c => (string?)c["cell_type"] == "code");

    public static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };

    /// <summary>Runs <paramref name="name"/> headless; returns the exit code, the executed notebook and the runner's output.</summary>
    public static (int ExitCode, JsonNode? Executed, string Log) Execute(string name, string outputFolder, string? runAsUser = null, string? folder = null)
    {
        var output = System.IO.Path.Combine(outputFolder, name);
        var repl = $"repl --run {name} --exit-after-run --output-format ipynb --output-path {output}";
        var run = runAsUser is null
            ? Command.Run("dotnet", repl, folder ?? Folder)
            : Command.Run("runuser", $"-u {runAsUser} -- env HOME=/home/{runAsUser} DOTNET_CLI_HOME=/home/{runAsUser} dotnet {repl}", folder ?? Folder);
        return Result(run, output);
    }

    /// <summary>Runs <paramref name="name"/> through Jupyter (<c>jupyter nbconvert --execute</c>, kernel <c>.net-csharp</c>).</summary>
    public static (int ExitCode, JsonNode? Executed, string Log) ExecuteInJupyter(string name, string outputFolder) =>
        Result(Command.Run("jupyter",
            $"nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=300 {System.IO.Path.Combine(Folder, name)} --output-dir {outputFolder} --output {name}",
            Folder), System.IO.Path.Combine(outputFolder, name));

    static (int ExitCode, JsonNode? Executed, string Log) Result((int Code, string Output, string Error) run, string output) =>
        (run.Code, File.Exists(output) ? Load(output) : null, run.Output + run.Error);

    /// <summary>Exports an executed notebook to HTML as <c>./lab run</c> does and returns the DOM headless Chromium rendered from it, with every host unreachable.</summary>
    public static string RenderOffline(string executedNotebook)
    {
        var folder = System.IO.Path.GetDirectoryName(executedNotebook)!;
        Command.Check("jupyter", $"nbconvert --to html --log-level WARN {executedNotebook} --output-dir {folder}");
        var page = System.IO.Path.ChangeExtension(executedNotebook, ".html");
        return Command.Check("chromium",
            "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync " +
            $"--host-resolver-rules=\"MAP * ~NOTFOUND\" --user-data-dir={folder}/chromium --virtual-time-budget=5000 --dump-dom file://{page}");
    }

    /// <summary>Every error output of an executed notebook, with the start of its cell.</summary>
    public static IReadOnlyList<string> Errors(JsonNode executed) =>
        CodeCells(executed)
            .SelectMany(c => (c["outputs"]?.AsArray() ?? []).Where(o => (string?)o!["output_type"] == "error")
                .Select(o => $"{Source(c).Split('\n')[0]}: {(string?)o!["evalue"]}"))
            .ToList();

    /// <summary>All HTML the notebook displayed.</summary>
    public static string Html(JsonNode executed) =>
        string.Concat(CodeCells(executed).SelectMany(c => c["outputs"]?.AsArray() ?? [])
            .Select(o => o?["data"]?["text/html"] switch { JsonArray a => string.Concat(a.Select(x => (string?)x)), var t => (string?)t ?? "" }));

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "lab")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "notebooks")))
                return dir.FullName;
        throw new DirectoryNotFoundException("The tests run inside the repository (a folder with ./lab and notebooks/).");
    }
}
