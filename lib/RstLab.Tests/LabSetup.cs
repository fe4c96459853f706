namespace RstLab.Tests;

/// <summary>
/// <c>./lab setup</c> run in a fresh copy of the repository (no build output, no git folder) with a fresh HOME, as root acting
/// for a user the way sudo does (<c>SUDO_USER</c>): what a new learner's first setup does, kept apart from this machine's own.
/// </summary>
/// <remarks>Only the NuGet cache is shared, so the restore stays offline-fast. Disposing removes the copy, HOME and capture folder.</remarks>
sealed class LabSetup : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("rstlab-setup-").FullName;

    LabSetup()
    {
        Repo = Path.Combine(_root, "repo");
        Home = Path.Combine(_root, "home");
        DataHome = Path.Combine(_root, "data");
        CopyRepository(Notebooks.Root, Repo);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(DataHome);
        // The user the setup acts for makes its capture folder in here, as it would in its own home.
        Command.Check("chmod", $"755 {_root}");
    }

    /// <summary>The repository's copy the setup ran in.</summary>
    public string Repo { get; }

    /// <summary>The HOME the setup ran with: root's Jupyter kernelspec goes here (the learner's goes to its data folder).</summary>
    public string Home { get; }

    /// <summary>XDG_DATA_HOME: the capture copy goes here, in <c>rstlab/dotnet</c>.</summary>
    public string DataHome { get; }

    /// <summary>The copy of dotnet that carries the capture capabilities, when the setup made one.</summary>
    public string CaptureDotnet => Path.Combine(DataHome, "rstlab", "dotnet", "dotnet");

    /// <summary>The setup's exit code and output.</summary>
    public (int Code, string Output, string Error) Result { get; private set; }

    /// <summary>
    /// Runs <c>sh -c COMMAND</c> (e.g. the devcontainer's post-create command) in a fresh copy, for <paramref name="user"/>;
    /// <paramref name="without"/> drops a capability from the bounding set first, as a container without it would.
    /// </summary>
    public static LabSetup Run(string command, string user, string? without = null)
    {
        var setup = new LabSetup();
        // The user makes its capture folder itself (as in its own home), so the data folder is that user's.
        Command.Check("chown", $"{user}: {setup.DataHome}");
        var shell = $"env -u JUPYTER_DATA_DIR -u JUPYTER_PATH -u CONDA_PREFIX HOME={setup.Home} DOTNET_CLI_HOME={setup.Home} NUGET_PACKAGES={Packages} " +
                    $"XDG_DATA_HOME={setup.DataHome} JUPYTER_DATA_DIR={setup.Home}/.local/share/jupyter SUDO_USER={user} sh -c '{command}'";
        setup.Result = without is null
            ? Command.Run("sh", $"-c \"{shell}\"", setup.Repo, TimeSpan.FromMinutes(10))
            : Command.Run("capsh", $"--drop={without} -- -c \"{shell}\"", setup.Repo, TimeSpan.FromMinutes(10));
        // The learner reads this copy, as vscode reads its workspace.
        Command.Check("chmod", $"a+rX {setup._root} {setup.Home}");
        Command.Check("chmod", $"-R a+rX {setup.Repo}");
        return setup;
    }

    /// <summary>Runs <c>./lab ARGS</c> again in the same copy, as <paramref name="user"/> itself (no root), with the same HOME and data folder.</summary>
    public (int Code, string Output, string Error) RunAs(string user, string home, string arguments) =>
        Command.Run("runuser", $"-u {user} -- env -u JUPYTER_DATA_DIR -u JUPYTER_PATH -u CONDA_PREFIX -u SUDO_USER HOME={home} DOTNET_CLI_HOME={home} XDG_DATA_HOME={DataHome} ./lab {arguments}",
            Repo, TimeSpan.FromMinutes(10));

    /// <summary>The machine's NuGet package cache: the restore stays offline-fast.</summary>
    public static string Packages => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The file capabilities of <paramref name="file"/> as getcap prints them, without the file name (empty when none).</summary>
    public static string CapabilitiesOf(string file) => Command.Check("getcap", file).Replace(file, "").Trim();

    /// <summary>The system's dotnet, as the setup finds it (PATH, symlinks resolved).</summary>
    public static string SystemDotnet => Command.Check("sh", "-c \"readlink -f \\\"$(command -v dotnet)\\\"\"").Trim();

    public void Dispose()
    {
        if (File.Exists(CaptureDotnet))
            Command.Run("setcap", $"-r {CaptureDotnet}");
        Command.Run("rm", $"-rf {_root}");
    }

    /// <summary>The repository as a fresh clone would have it: no build output, no test runs, no git folder.</summary>
    static void CopyRepository(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => Path.GetFileName(f) != ".git"))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is ".git" or "bin" or "obj" or "out" or "TestResults" || name.StartsWith(".twice-"))
                continue;
            CopyRepository(dir, Path.Combine(to, name));
        }
    }
}
