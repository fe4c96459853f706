using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RstLab.Exercises;

namespace RstLab.Tests;

/// <summary>The exercises' answer files and what their cells showed in an executed notebook.</summary>
static partial class ExerciseRuns
{
    /// <summary>The reference solutions of <paramref name="notebook"/> (<c>notebooks/solutions/NAME.md</c>).</summary>
    public static string Solutions(string notebook) => Path.Combine(Notebooks.Folder, SolutionFile.Folder, notebook + ".md");

    /// <summary>The deliberately wrong answers of <paramref name="notebook"/> (a test fixture).</summary>
    public static string WrongAnswers(string notebook) => Path.Combine(Notebooks.Root, "lib", "RstLab.Tests", "fixtures", "exercises", notebook + ".md");

    /// <summary>Runs <paramref name="notebook"/> headless with the cells of <paramref name="answers"/> in place of the learner's.</summary>
    public static (int ExitCode, JsonNode? Executed, string Log) Execute(string notebook, string variant, string answers)
    {
        var replacements = SolutionFile.Read(answers);
        return Notebooks.ExecuteVariant(notebook + ".ipynb", variant, cells => cells.Select(c =>
        {
            SolutionFile.Answer(c, replacements);   // as ./lab run --solutions does
            return c;
        }));
    }

    /// <summary>The feedback block each exercise showed, by exercise id (its headline, then its message), as text.</summary>
    public static IReadOnlyDictionary<string, string> Feedback(JsonNode executed) =>
        Block().Matches(Notebooks.Html(executed)).Select(m => System.Net.WebUtility.HtmlDecode(Regex.Replace(m.Groups["body"].Value, "<[^>]+>", " ")))
            .Select(t => (Id: Regex.Match(t, @"Exercise (\d\d\.\d+): (right|not yet|not checked here)\.").Groups[1].Value, Text: t))
            .Where(b => b.Id.Length > 0).GroupBy(b => b.Id).ToDictionary(g => g.Key, g => g.Last().Text);

    [GeneratedRegex("<div class=\"rstlab-exercise (?:right|notyet|notlive)\">(?<body>.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Block();
}
