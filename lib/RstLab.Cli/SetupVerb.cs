using System.CommandLine;

namespace RstLab.Cli;

/// <summary><c>./lab setup</c>: listed here for help and completion; the work is the bash function in <c>lab</c>, since it must run before .NET is usable.</summary>
public static class SetupVerb
{
    /// <summary>The verb.</summary>
    public static Command Create(Repository repository, Terminal terminal)
    {
        var capture = new Option<bool>("--capture") { Description = "Also grant live capture to this user without root: capabilities on a private copy of dotnet only this user can run." };
        var noCapture = new Option<bool>("--no-capture") { Description = "Remove that copy and its capabilities again." };
        var tests = new Option<bool>("--tests") { Description = "Also install what ./lab test needs (tcpdump, tshark, python3-nbclient, python3-yaml, chromium, chromium-headless-shell, conntrack)." };
        var command = new Command("setup", "Prepares this machine: system packages (apt), the pinned .NET Interactive tools, a build of lib/, the Jupyter kernel .net-csharp.")
        {
            capture, noCapture, tests,
        };
        command.Does(terminal, async (parse, cancel) =>
        {
            string[] arguments = ["setup", .. parse.GetValue(capture) ? ["--capture"] : Array.Empty<string>(),
                .. parse.GetValue(noCapture) ? ["--no-capture"] : Array.Empty<string>(), .. parse.GetValue(tests) ? ["--tests"] : Array.Empty<string>()];
            return (await ChildProcess.RunAsync(repository.Script, arguments, workingDirectory: repository.Root, cancel: cancel)).Code;
        });
        return command;
    }
}
