using System.CommandLine;
using RstLab.Cli.Course;

namespace RstLab.Cli;

/// <summary><c>./lab run</c>: the course headless, as an instructor checks a machine or publishes the pages.</summary>
public static class RunVerb
{
    /// <summary>The verb.</summary>
    public static Command Create(Repository repository, Terminal terminal)
    {
        var notebooks = Verb.Notebooks(repository, "run");
        var host = new Option<NotebookHost>("--runner")
        {
            Description = "What executes the notebooks: repl (dotnet-repl, the default: no Jupyter needed, cell progress) or jupyter (nbconvert with the .net-csharp kernel ./lab setup registers, as JupyterLab runs them).",
            DefaultValueFactory = _ => NotebookHost.Repl,
            HelpName = "repl|jupyter",
        };
        var solutions = new Option<bool>("--solutions")
        {
            Description = "Answer the exercises with the reference solutions (notebooks/solutions/NAME.md, by cell id) in the executed copies; without it they run unanswered and say \"not yet\".",
        };
        var jobs = Jobs();
        var command = new Command("run", "Runs ./lab setup, then each notebook headless with the real kernel into out/ (executed notebook, page, screenshot), and prints the summary table; out/index.html links every page.")
        {
            notebooks, host, solutions, jobs,
        };
        command.Does(terminal, async (parse, cancel) =>
        {
            var selected = CourseSelection.Resolve(repository.Course(), parse.GetValue(notebooks)).Notebooks;
            // Jupyter runs a notebook in its own folder, where the solutions' copy would not find ../lib.
            if (parse.GetValue(solutions) && parse.GetValue(host) == NotebookHost.Jupyter)
            {
                terminal.Problem("--solutions runs with the default runner only: leave out --runner jupyter.");
                return 2;
            }
            if (await new Setup(repository).RunAsync(tests: false, cancel) is not 0 and var failed)
                return failed;
            var run = await new CourseRunner(repository, terminal) { Host = parse.GetValue(host), Jobs = parse.GetValue(jobs) ?? CourseRunner.DefaultJobs,
                MoreWhileIdle = parse.GetValue(jobs) is null }.RunAsync(selected, new Dictionary<string, string>(), pages: true, cancel, parse.GetValue(solutions));
            Report(terminal, run, repository);
            await Setup.GiveBackAsync(repository.Out);
            return run.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>The option <c>--jobs N</c>: how many notebooks run at once; not given, the machine's cores plus one and more while cores stand idle.</summary>
    public static Option<int?> Jobs()
    {
        var jobs = new Option<int?>("--jobs", "-j")
        {
            Description = $"How many notebooks run at once (each in its own kernel; pages are made while the next run). Default: the machine's cores plus one ({CourseRunner.DefaultJobs}), " +
                "and one more whenever half a core stood idle for a second (notebooks wait on the network's timers); the longest run first and at normal priority, the others at nice 10.",
            HelpName = "n",
        };
        jobs.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var value) && value < 1)
                result.AddError("--jobs must be at least 1.");
        });
        return jobs;
    }

    /// <summary>The summary table and where the pages are.</summary>
    public static void Report(Terminal terminal, CourseRun run, Repository repository)
    {
        terminal.Write(SummaryTable.Build(run.Notebooks, border: terminal.Live));
        terminal.Line($"pages: {Path.Combine(repository.Out, IndexPage.FileName)} (each notebook: out/NAME.html, a screenshot of its top: out/NAME.png)");
    }
}
