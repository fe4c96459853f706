using System.CommandLine;
using RstLab.Cli.Apps;

namespace RstLab.Cli;

/// <summary><c>./lab apps [--check]</c>: writes <c>apps/NAME.cs</c>, each notebook as a C# file-based app, or says which committed app differs from its notebook.</summary>
public static class AppsVerb
{
    /// <summary>Exit status of <c>--check</c> when an app differs from what its notebook generates.</summary>
    public const int Stale = 1;

    /// <summary>The verb.</summary>
    public static Command Create(Repository repository, Terminal terminal)
    {
        var notebooks = Verb.Notebooks(repository, "turn into apps");
        var check = new Option<bool>("--check") { Description = $"Write nothing: exit {Stale} if an app in apps/ differs from what its notebook generates now." };
        var command = new Command("apps", "Generates apps/NAME.cs from each notebook: the course as C# file-based apps (dotnet run apps/NAME.cs), for when no notebook kernel is at hand. Never edit them by hand.")
        {
            notebooks, check,
        };
        command.Does(terminal, (parse, _) =>
        {
            var stale = 0;
            foreach (var name in CourseSelection.Resolve(repository.Course(), parse.GetValue(notebooks)).Notebooks)
            {
                var path = AppSource.PathOf(repository, name);
                var source = AppSource.Generate(repository, name);
                var current = File.Exists(path) ? File.ReadAllText(path) : null;
                if (current == source)
                    terminal.Line($"{Path.GetRelativePath(repository.Root, path)}: up to date");
                else if (parse.GetValue(check))
                {
                    stale++;
                    terminal.Problem($"{Path.GetRelativePath(repository.Root, path)}: {(current is null ? "missing" : "differs from its notebook")}: run ./lab apps");
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, source);
                    terminal.Line($"{Path.GetRelativePath(repository.Root, path)}: written");
                }
            }
            return Task.FromResult(stale == 0 ? 0 : Stale);
        });
        return command;
    }
}
