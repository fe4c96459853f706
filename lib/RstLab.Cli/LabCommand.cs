using System.CommandLine;

namespace RstLab.Cli;

/// <summary>The lab command's verbs, options and help: System.CommandLine parses, validates and answers <c>--help</c>; a bad command line exits 2 with the usage and changes nothing.</summary>
public static class LabCommand
{
    /// <summary>Exit status of a command line that does not parse, as <c>dotnet</c> and POSIX utilities use it.</summary>
    public const int Usage = 2;

    /// <summary>The root command with every verb, working in <paramref name="repository"/> and writing to <paramref name="terminal"/>.</summary>
    public static RootCommand Create(Repository repository, Terminal terminal)
    {
        var root = new RootCommand("The RST lab: a course on TCP resets in C# notebooks. ./lab setup prepares this machine; the other verbs run the course, its tests, its recordings and its benchmarks, and diagnose any capture.");
        root.Subcommands.Add(SetupVerb.Create(repository, terminal));
        root.Subcommands.Add(RunVerb.Create(repository, terminal));
        root.Subcommands.Add(TestVerb.Create(repository, terminal));
        root.Subcommands.Add(RecordVerb.Create(repository, terminal));
        root.Subcommands.Add(BenchVerb.Create(repository, terminal));
        root.Subcommands.Add(DiagnoseVerb.Create(terminal));
        root.Subcommands.Add(AppsVerb.Create(repository, terminal));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the verb; returns the exit status (2 for a command line that does not parse, with nothing run).</summary>
    public static int Invoke(Repository repository, Terminal terminal, string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancel = default)
    {
        var root = Create(repository, terminal);
        var parse = root.Parse(args);
        error ??= Console.Error;
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
                error.WriteLine(problem.Message);
            error.WriteLine();
            // The usage of the command the line got to: ./lab test --bogus shows test's options.
            var path = new List<string>();
            for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
                path.Insert(0, result.Command.Name);
            root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = error });
            return Usage;
        }
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
        if (output is not null)
            configuration.Output = output;
        configuration.Error = error;
        return parse.InvokeAsync(configuration, cancel).GetAwaiter().GetResult();
    }
}
