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
    /// Runs a notebook headless as the learner from its copy of the course (or <paramref name="course"/>), with
    /// <paramref name="dotnetFolder"/> first on PATH: a private dotnet whose file capabilities this learner then has.
    /// </summary>
    public static (int ExitCode, JsonNode? Executed, string Log) Execute(string name, string outputFolder, string? dotnetFolder = null, string? course = null)
    {
        var notebooks = Path.Combine(course ?? Ensure(), "notebooks");
        var output = Path.Combine(outputFolder, name);
        var path = dotnetFolder is null ? "" : $"PATH={dotnetFolder}:{Environment.GetEnvironmentVariable("PATH")} ";
        var run = Command.Run("runuser",
            $"-u {Name} -- env HOME=/home/{Name} DOTNET_CLI_HOME=/home/{Name} {path}dotnet repl --run {name} --exit-after-run --output-format ipynb --output-path {output}",
            notebooks);
        return (run.Code, File.Exists(output) ? Notebooks.Load(output) : null, run.Output + run.Error);
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
