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
        if (Directory.Exists(copy))
            Directory.Delete(copy, recursive: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(copy, recursive: true);
        foreach (var part in new[] { "notebooks", "data", "lib/bin", ".config" })
            CopyFolder(Path.Combine(Notebooks.Root, part), Path.Combine(copy, part));
        foreach (var file in new[] { "global.json", "lab" })
            File.Copy(Path.Combine(Notebooks.Root, file), Path.Combine(copy, file));
        Command.Check("chmod", $"-R a+rX {copy}");
        Command.Check("runuser", $"-u {Name} -- env HOME=/home/{Name} DOTNET_CLI_HOME=/home/{Name} dotnet tool restore", copy);
        return copy;
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
