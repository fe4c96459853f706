using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>An ordinary user with no capabilities, and a copy of the course it can read: the learner without privileges.</summary>
static class Learner
{
    public const string Name = "rstlab-learner";
    static readonly Lazy<string> Course = new(Prepare);

    /// <summary>Creates the user and its readable copy of the course once; returns the copy's root.</summary>
    public static string Ensure() => Course.Value;

    static string Prepare()
    {
        if (Command.Run("id", $"-u {Name}").Code != 0)
            Command.Check("useradd", $"--create-home --shell /bin/bash {Name}");
        // A copy under /tmp: the clone's own parent folders may be closed to other users.
        var copy = Path.Combine(Path.GetTempPath(), $"rstlab-learner-course-{Environment.ProcessId}");
        // Copies left by a test run that was killed (its process is gone) go too.
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "rstlab-learner-course-*"))
            if (!int.TryParse(Path.GetFileName(stale)["rstlab-learner-course-".Length..], out var pid) || pid == Environment.ProcessId || !Directory.Exists($"/proc/{pid}"))
                Directory.Delete(stale, recursive: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(copy, recursive: true);
        foreach (var part in new[] { "notebooks", "data", "lib/bin", ".config" })
            CopyFolder(Path.Combine(Notebooks.Root, part), Path.Combine(copy, part));
        foreach (var file in new[] { "global.json", "lab" })
            File.Copy(Path.Combine(Notebooks.Root, file), Path.Combine(copy, file));
        Command.Check("chmod", $"-R a+rX {copy}");
        Command.Check("runuser", $"-u {Name} -- env HOME=/home/{Name} DOTNET_CLI_HOME=/home/{Name} dotnet tool restore", copy);
        return copy;
    }

    /// <summary>
    /// Runs a notebook headless as the learner from its copy of the course (or <paramref name="course"/>); with
    /// <paramref name="dotnet"/> (the capture copy) it runs dotnet-repl's dll under that dotnet, as <c>./lab run</c> does.
    /// </summary>
    public static (int ExitCode, JsonNode? Executed, string Log) Execute(string name, string outputFolder, string? dotnet = null, string? course = null)
    {
        var notebooks = Path.Combine(course ?? Ensure(), "notebooks");
        var output = Path.Combine(outputFolder, name);
        var repl = dotnet is null ? "dotnet repl" : $"{dotnet} {ReplDll}";
        var run = Command.Run("runuser",
            $"-u {Name} -- env HOME={Home} DOTNET_CLI_HOME={Home} {repl} --run {name} --exit-after-run --output-format ipynb --output-path {output}",
            notebooks);
        return (run.Code, File.Exists(output) ? Notebooks.Load(output) : null, run.Output + run.Error);
    }

    /// <summary>Runs a notebook of <paramref name="course"/> through Jupyter as the learner, with the kernelspecs of <paramref name="dataHome"/> (XDG_DATA_HOME).</summary>
    public static (int ExitCode, JsonNode? Executed, string Log) ExecuteInJupyter(string name, string outputFolder, string course, string dataHome)
    {
        var notebooks = Path.Combine(course, "notebooks");
        var output = Path.Combine(outputFolder, name);
        var run = Command.Run("runuser",
            $"-u {Name} -- env -u JUPYTER_DATA_DIR -u JUPYTER_PATH HOME={Home} XDG_DATA_HOME={dataHome} jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp " +
            $"--ExecutePreprocessor.timeout=300 {Path.Combine(notebooks, name)} --output-dir {outputFolder} --output {name}",
            notebooks);
        return (run.Code, File.Exists(output) ? Notebooks.Load(output) : null, run.Output + run.Error);
    }

    static string Home => $"/home/{Name}";

    /// <summary>dotnet-repl's dll in the learner's NuGet cache (its tool restore put it there).</summary>
    static string ReplDll => Directory.GetFiles(Path.Combine(Home, ".nuget", "packages", "dotnet-repl"), "dotnet-repl.dll", SearchOption.AllDirectories).Single();

    /// <summary>A second ordinary user, who must not gain what the learner was given; created once.</summary>
    public static string Other()
    {
        const string other = "rstlab-stranger";
        if (Command.Run("id", $"-u {other}").Code != 0)
            Command.Check("useradd", $"--create-home --shell /bin/bash {other}");
        return other;
    }

    /// <summary>A folder the learner can write its output to, deleted on dispose.</summary>
    public static TempFolder OutputFolder()
    {
        var folder = new TempFolder();
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder.Path, (UnixFileMode)0x1FF);
        return folder;
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}

/// <summary>A theory that needs root (to act as another user, capture or create namespaces); skipped, with the reason, otherwise.</summary>
public sealed class LiveTheoryAttribute : TheoryAttribute
{
    public LiveTheoryAttribute()
    {
        if (!LiveFactAttribute.IsRootUser)
            Skip = "needs root (to create the unprivileged learner, capture and create namespaces); CI runs as root";
    }
}
