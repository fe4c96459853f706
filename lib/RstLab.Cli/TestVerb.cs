using System.CommandLine;
using RstLab.Cli.Testing;

namespace RstLab.Cli;

/// <summary><c>./lab test</c>: every test of the lab (what CI runs), ending with the line <c>N passed, N failed, N skipped</c>.</summary>
public static class TestVerb
{
    /// <summary>The TRX file the run leaves in <c>out/tests/</c>.</summary>
    public const string ResultsFile = "tests.trx";

    /// <summary>The verb.</summary>
    public static Command Create(Repository repository, Terminal terminal)
    {
        var filter = new Option<string>("--filter")
        {
            Description = "Only the tests this dotnet test filter selects, e.g. FullyQualifiedName~ChecksTests or Category!=Stress.",
            HelpName = "expression",
        };
        var command = new Command("test", "Runs ./lab setup --tests, then the test suite (dotnet test lib/RstLab.slnx, about 40 min); shows the counts as tests finish and ends with the line N passed, N failed, N skipped; exits 1 on any failure.")
        {
            filter,
        };
        command.Does(terminal, async (parse, cancel) =>
        {
            if (await new Setup(repository).RunAsync(tests: true, cancel) is not 0 and var failed)
                return failed;
            var results = Directory.CreateDirectory(Path.Combine(repository.Out, "tests")).FullName;
            foreach (var old in Directory.GetFiles(results, "*.trx"))
                File.Delete(old);
            List<string> arguments = [Path.Combine(repository.Root, "lib", "RstLab.slnx"), "-nologo", "--logger", "console;verbosity=normal",
                "--logger", $"trx;LogFileName={ResultsFile}", "--results-directory", results];
            if (parse.GetValue(filter) is { Length: > 0 } expression)
                arguments.AddRange(["--filter", expression]);
            var (exit, _) = await new TestRunner(terminal).RunAsync(arguments, new Dictionary<string, string>(), log: null, echo: true, cancel);
            var code = Close(terminal, exit, Path.Combine(results, ResultsFile));
            await Setup.GiveBackAsync(repository.Out);
            return code;
        });
        return command;
    }

    /// <summary>Prints each failed test with the start of its message (a log's tail then names them), the closing line from the results file
    /// (the last line of the output), and returns the exit status: 1 when a test failed, when the runner failed, or when it wrote no results
    /// (a stopped run can exit 0 without them).</summary>
    public static int Close(Terminal terminal, ChildExit exit, string trx)
    {
        TestCounts counts;
        if (!File.Exists(trx))
        {
            terminal.Problem($"dotnet test wrote no results ({trx} is missing): see its output above.");
            counts = TestCounts.None with { Failed = 1 };
        }
        else
        {
            var report = TrxReport.Read(trx);
            counts = report.Counts;
            foreach (var failure in report.Results.Where(r => r.Failed))
                terminal.Problem($"failed: {failure.Name}{Environment.NewLine}  {Start(failure.Error)}");
            if (!exit.Succeeded && counts.Failed == 0)
                terminal.Problem($"dotnet test exited with status {exit.Code} although no test failed: see its output above.");
        }
        terminal.Line(counts.ToString());
        return counts.Failed == 0 && exit.Succeeded ? 0 : 1;
    }

    static string Start(string error)
    {
        const int Lines = 6;
        var lines = error.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        return string.Join($"{Environment.NewLine}  ", lines.Count <= Lines ? lines : [.. lines.Take(Lines), $"... ({lines.Count - Lines} more lines in the results file)"]);
    }
}
