using Spectre.Console;

namespace RstLab.Cli.Course;

/// <summary>The table <c>./lab run</c> prints at the end: notebook, result, checks, RST seen, errno, time (the rows of <c>out/index.html</c>).</summary>
public static class SummaryTable
{
    /// <summary>The facts of a check summary the table shows.</summary>
    public static readonly string[] Facts = ["RST seen", "errno"];

    /// <summary>The table of <paramref name="rows"/>; with <paramref name="border"/> false it reads as plain columns (logs).</summary>
    public static Table Build(IEnumerable<CourseRow> rows, bool border)
    {
        var table = Tables.Create(border, ["notebook", "result", "checks", .. Facts, "time"]);
        foreach (var row in rows)
        {
            var result = row.Outcome == NotebookOutcome.Passed ? $"[green]{row.Result}[/]" : $"[red bold]{row.Result}[/]";
            table.AddRow([Markup.Escape(row.Notebook), result, row.ChecksText, .. Facts.Select(f => Markup.Escape(row.Fact(f))), row.Seconds]);
        }
        return table;
    }
}
