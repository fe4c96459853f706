using System.CommandLine;

namespace RstLab.Cli;

/// <summary>What every verb shares: its notebooks argument and the way its work ends (exit status, one sentence instead of a stack trace).</summary>
public static class Verb
{
    /// <summary>Exit status of a run stopped by Ctrl+C or SIGTERM.</summary>
    public const int Stopped = 130;

    /// <summary>The optional list of notebooks a verb works on, checked against the course.</summary>
    public static Argument<string[]> Notebooks(Repository repository, string what)
    {
        var argument = new Argument<string[]>("notebook")
        {
            Description = $"Course notebooks to {what}, by name or number (e.g. 01-no-listener or 01); all when none is named.",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "notebook",
        };
        argument.Validators.Add(result =>
        {
            var named = result.GetValueOrDefault<string[]>() ?? [];
            // An option the verb does not know lands here as a would-be notebook name.
            if (named.FirstOrDefault(n => n.StartsWith('-')) is { } option)
                result.AddError($"Unrecognized command or argument '{option}'.");
            else if (CourseSelection.Resolve(repository.Course(), named).Problem is { } problem)
                result.AddError(problem);
        });
        argument.CompletionSources.Add(_ => repository.Course().Select(n => new System.CommandLine.Completions.CompletionItem(n)));
        return argument;
    }

    /// <summary>Sets <paramref name="work"/> as the command's action: a stop ends with status 130, a problem the user can fix with its one-sentence message and status 1.</summary>
    public static void Does(this Command command, Terminal terminal, Func<ParseResult, CancellationToken, Task<int>> work) =>
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                return await work(parse, cancel);
            }
            catch (OperationCanceledException)
            {
                terminal.Problem("Stopped: everything it started was ended.");
                return Stopped;
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or UnauthorizedAccessException or DirectoryNotFoundException)
            {
                terminal.Problem(e.Message);
                return 1;
            }
        });
}
