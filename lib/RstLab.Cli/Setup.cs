namespace RstLab.Cli;

/// <summary>The steps around the lab command's work that belong to the system: <c>./lab setup</c> (bash: apt, capabilities), root, and giving files back after sudo.</summary>
/// <param name="repository">The repository whose entry script runs the setup.</param>
public sealed class Setup(Repository repository)
{
    /// <summary>True when this process runs as root.</summary>
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Runs <c>./lab setup</c> (with <c>--tests</c> when <paramref name="tests"/>); its output goes straight to the terminal. Returns its exit status.</summary>
    public async Task<int> RunAsync(bool tests, CancellationToken cancel)
    {
        var exit = await ChildProcess.RunAsync(repository.Script, tests ? ["setup", "--tests"] : ["setup"], workingDirectory: repository.Root, cancel: cancel);
        return exit.Code;
    }

    /// <summary>After <c>sudo ./lab ...</c>: what root wrote under <paramref name="paths"/> goes back to the user who ran sudo, so their next run can replace it.</summary>
    public static async Task GiveBackAsync(params string[] paths)
    {
        if (!IsRoot || Environment.GetEnvironmentVariable("SUDO_USER") is not { Length: > 0 } user || user == "root")
            return;
        var existing = paths.Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
        if (existing.Count > 0)
            await ChildProcess.RunAsync("chown", ["-R", user + ":", .. existing], _ => { }, timeout: TimeSpan.FromMinutes(1));
    }
}
