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
        var solutions = new Option<bool>("--solutions")
        {
            Description = "Answer the exercises with the reference solutions (notebooks/solutions/NAME.md, by cell id) in the executed copies; without it they run unanswered and say \"not yet\".",
        };
        var command = new Command("run", "Runs ./lab setup, then each notebook headless with the real kernel into out/ (executed notebook, page, screenshot), and prints the summary table; out/index.html links every page.")
        {
            notebooks, solutions,
        };
        command.Does(terminal, async (parse, cancel) =>
        {
            var selected = CourseSelection.Resolve(repository.Course(), parse.GetValue(notebooks)).Notebooks;
            if (await new Setup(repository).RunAsync(tests: false, cancel) is not 0 and var failed)
                return failed;
            var run = await new CourseRunner(repository, terminal).RunAsync(selected, new Dictionary<string, string>(), pages: true, cancel, parse.GetValue(solutions));
            Report(terminal, run, repository);
            await Setup.GiveBackAsync(repository.Out);
            return run.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>The summary table and where the pages are.</summary>
    public static void Report(Terminal terminal, CourseRun run, Repository repository)
    {
        terminal.Write(SummaryTable.Build(run.Notebooks, border: terminal.Live));
        terminal.Line($"pages: {Path.Combine(repository.Out, IndexPage.FileName)} (each notebook: out/NAME.html, a screenshot of its top: out/NAME.png)");
    }
}
