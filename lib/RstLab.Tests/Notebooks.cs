using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>The course's notebooks on disk and a way to execute one with the real kernel (dotnet-repl, as <c>./lab run</c> does).</summary>
static class Notebooks
{
    public static string Root { get; } = FindRoot();

    public static string Folder => System.IO.Path.Combine(Root, "notebooks");

    public static IEnumerable<object[]> All() =>
        Directory.GetFiles(System.IO.Path.Combine(FindRoot(), "notebooks"), "*.ipynb").Order().Select(p => new object[] { System.IO.Path.GetFileName(p) });

    /// <summary>The course's notebooks, <c>notebooks/[0-9]*.ipynb</c>, in course order: one test case each, so a new notebook is covered without listing it.</summary>
    public static IEnumerable<object[]> Course() =>
        Directory.GetFiles(Folder, "*.ipynb").Select(System.IO.Path.GetFileName).Where(n => char.IsAsciiDigit(n![0])).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    static readonly string ExecutedFolder = Directory.CreateTempSubdirectory("rstlab-executed-").FullName;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(int ExitCode, JsonNode? Executed, string Log)>> Executed = new();

    static Notebooks() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try { Directory.Delete(ExecutedFolder, recursive: true); }
        catch (IOException) { }   // a leftover temp folder is no reason to fail the run
    };

    /// <summary>Runs <paramref name="name"/> headless once per test run; tests that only read the result share it. The executed copy is <see cref="ExecutedPath"/>.</summary>
    public static (int ExitCode, JsonNode? Executed, string Log) ExecuteOnce(string name) =>
        Executed.GetOrAdd(name, n => new Lazy<(int, JsonNode?, string)>(() => Execute(n, ExecutedFolder))).Value;

    /// <summary>Where <see cref="ExecuteOnce"/> wrote the executed notebook.</summary>
    public static string ExecutedPath(string name) => System.IO.Path.Combine(ExecutedFolder, name);

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
        // A copy in a folder inside notebooks/ runs from notebooks/, as every runner does: the first cell's #r is relative
        // to the kernel's working directory.
        var from = System.IO.Path.GetFullPath(folder ?? Folder).TrimEnd('/');
        if (System.IO.Path.GetDirectoryName(from) == System.IO.Path.GetFullPath(Folder).TrimEnd('/'))
        {
            name = System.IO.Path.GetFileName(from) + "/" + name;
            folder = Folder;
        }
        var repl = $"repl --run {name} --exit-after-run --output-format ipynb --output-path {output}";
        // Each run marks the exercises in a progress file of its own: never the learner's, and a fresh start for every run;
        // the kernel has the runtime settings ./lab run gives it.
        var environment = new Dictionary<string, string>(RstLab.Cli.Course.NotebookRunner.HeadlessRuntime) { [RstLab.Exercises.Progress.Variable] = output + ".progress.json" };
        var run = runAsUser is null
            ? Command.Run("dotnet", repl, folder ?? Folder, environment: environment)
            : Command.Run("runuser", $"-u {runAsUser} -- env HOME=/home/{runAsUser} DOTNET_CLI_HOME=/home/{runAsUser} " +
                $"{string.Join(" ", environment.Select(v => $"{v.Key}={v.Value}"))} dotnet {repl}", folder ?? Folder);
        return Result(run, output);
    }

    public static bool IsCode(JsonNode? cell) => (string?)cell?["cell_type"] == "code";

    /// <summary>Runs a changed copy of <paramref name="name"/> (its cells rearranged by <paramref name="change"/>) headless, from a folder
    /// inside notebooks/ so no other test lists it, run from notebooks/ so the first cell finds lib/; the copy is deleted afterwards.</summary>
    public static (int ExitCode, JsonNode? Executed, string Log) ExecuteVariant(string name, string variant, Func<IEnumerable<JsonNode>, IEnumerable<JsonNode>> change)
    {
        var notebook = Load(System.IO.Path.Combine(Folder, name));
        var cells = change(notebook["cells"]!.AsArray().Select(c => c!.DeepClone()).ToList()).ToArray();
        notebook["cells"] = new JsonArray(cells);
        var folder = Directory.CreateDirectory(System.IO.Path.Combine(Folder, $".variant-{variant}-{Environment.ProcessId}-{System.IO.Path.GetFileNameWithoutExtension(name)}")).FullName;
        try
        {
            File.WriteAllText(System.IO.Path.Combine(folder, name), notebook.ToJsonString());
            var output = Directory.CreateDirectory(System.IO.Path.Combine(folder, "out")).FullName;
            return Execute(name, output, folder: folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What a cell showed that a rerun must show again: each packet's direction and flags, call results, socket states, claims
    /// and error messages; not times, ports, sequence numbers, where a bare ACK fell or how a byte stream was cut into segments, which
    /// differ from run to run by design.</summary>
    public static string Evidence(JsonNode cell)
    {
        var shown = new List<string>();
        foreach (var output in cell["outputs"]?.AsArray() ?? [])
        {
            if ((string?)output!["output_type"] == "error")
                shown.Add("error: " + (string?)output["evalue"]);
            var html = output["data"]?["text/html"] switch { JsonArray a => string.Concat(a.Select(x => (string?)x)), var t => (string?)t ?? "" };
            foreach (System.Text.RegularExpressions.Match table in System.Text.RegularExpressions.Regex.Matches(html, "<table class=\"rstlab rstlab-(\\w+)\">(.*?)</table>"))
            {
                var kind = table.Groups[1].Value;
                var rows = System.Text.RegularExpressions.Regex.Matches(table.Groups[2].Value, "<tr[^>]*>(.*?)</tr>")
                    .Select(r => System.Text.RegularExpressions.Regex.Matches(r.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>").Select(c => c.Groups[1].Value).ToList())
                    .ToList();
                if (rows.Count == 0) continue;
                var entries = kind switch
                {
                    "packets" => Packets(rows[0], rows.Skip(1)),
                    "outcomes" => rows.Skip(1).Where(r => r.Count > 1).Select(r => r[1]),
                    "sockets" or "checks" => rows.Skip(1).Where(r => r.Count > 0).Select(r => r[0]),
                    _ => null,
                };
                if (entries is not null)
                    shown.Add($"{kind}: {string.Join(" ", entries)}");
            }
        }
        return string.Join("\n", shown);
    }

    // A bare ACK may go alone or ride on the next segment, as the delayed-ACK timer falls; a sender's data may leave as one segment
    // or two (a response's headers, then its body): neither is evidence, so bare ACKs are left out and a run of data segments one
    // way counts once.
    static IEnumerable<string> Packets(List<string> header, IEnumerable<List<string>> rows)
    {
        var (direction, flags) = (header.IndexOf("direction"), header.IndexOf("flags"));
        string? last = null;
        foreach (var row in rows.Where(r => r.Count > Math.Max(direction, flags) && r[flags] != "[.]"))
        {
            var entry = $"{row[direction].Split(' ')[0]} {row[flags]}";
            if (entry == last && row[flags] == "[P.]") continue;
            yield return last = entry;
        }
    }

    /// <summary>Runs <paramref name="name"/> through Jupyter (<c>jupyter nbconvert --execute</c>, kernel <c>.net-csharp</c>).</summary>
    public static (int ExitCode, JsonNode? Executed, string Log) ExecuteInJupyter(string name, string outputFolder) =>
        Result(Command.Run("jupyter",
            $"nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=300 {System.IO.Path.Combine(Folder, name)} --output-dir {outputFolder} --output {name}",
            Folder, environment: new Dictionary<string, string> { [RstLab.Exercises.Progress.Variable] = System.IO.Path.Combine(outputFolder, name + ".progress.json") }),
            System.IO.Path.Combine(outputFolder, name));

    static (int ExitCode, JsonNode? Executed, string Log) Result((int Code, string Output, string Error) run, string output) =>
        (run.Code, File.Exists(output) ? Load(output) : null, run.Output + run.Error);

    /// <summary>nbconvert's options for the course's page template (<c>lib/page</c>): the lab template without require.js and MathJax, so the page loads nothing from outside.</summary>
    public static string PageTemplate => $"--TemplateExporter.extra_template_basedirs={System.IO.Path.Combine(Root, "lib")} --template page";

    /// <summary>Exports an executed notebook to an HTML page in <paramref name="folder"/>, as <c>./lab run</c> does; returns the page's path.</summary>
    public static string ExportHtml(string executedNotebook, string folder)
    {
        Command.Check("jupyter", $"nbconvert --to html --log-level WARN {PageTemplate} {executedNotebook} --output-dir {folder}");
        return System.IO.Path.Combine(folder, System.IO.Path.ChangeExtension(System.IO.Path.GetFileName(executedNotebook), ".html"));
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
