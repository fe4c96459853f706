using RstLab.Capture;
using RstLab.Exercises;

namespace RstLab.Cli.Course;

/// <summary>Writes <c>out/index.html</c>: the course in order, each notebook's page, check result, run time and screenshot; no script, works offline.</summary>
public static class IndexPage
{
    /// <summary>The page's file name inside <c>out/</c>.</summary>
    public const string FileName = "index.html";

    /// <summary>Writes the page for <paramref name="run"/> into <paramref name="folder"/>, with the learner's <paramref name="progress"/> on the exercises, and returns its path.</summary>
    public static string Write(CourseRun run, string folder, IReadOnlyList<NotebookProgress>? progress = null)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, Html(run, Environment.MachineName, Recordings.KernelRelease(), progress));
        return path;
    }

    /// <summary>The page for <paramref name="run"/> on the machine <paramref name="host"/> with kernel <paramref name="kernel"/>; the exercise column shows
    /// <paramref name="progress"/> (the learner's file, not this run's marks).</summary>
    public static string Html(CourseRun run, string host, string kernel, IReadOnlyList<NotebookProgress>? progress = null)
    {
        var rows = string.Join("\n", run.Notebooks.Select(n => Row(n, progress?.FirstOrDefault(p => p.Notebook == n.Notebook))));
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>The RST lab: course run</title>
            <style>
            body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #223; padding: 0 1em; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border-bottom: 1px solid #dde; padding: 8px; text-align: left; vertical-align: top; }
            th { background: #eef; }
            tr.ok .result { color: #070; font-weight: bold; }
            tr.failed .result { color: #b00; font-weight: bold; }
            tr.failed td { background: #fdd; }
            .question { color: #556; }
            .shot img { width: 220px; max-height: 300px; object-fit: cover; object-position: top; border: 1px solid #ccd; }
            td:nth-child(3), td:nth-child(4) { font-family: ui-monospace, monospace; font-size: 13px; }
            </style></head>
            <body>
            <h1>The RST lab</h1>
            <p>Every notebook of the course, in order, as <code>./lab run</code> executed it on {{E(host)}}
            ({{E(kernel)}}) at {{run.Finished.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)}} UTC. Each page opens offline;
            the result is the notebook's own check cell. <code>./lab run</code> runs the exercises unanswered; their column shows
            your own progress (<code>progress.json</code>, kept as you work through the notebooks).</p>
            <table>
            <tr><th>notebook</th><th>check result</th><th>RST seen</th><th>errno</th><th>your exercises</th><th>run time</th><th>screenshot</th></tr>
            {{rows}}
            </table>
            </body></html>

            """;
    }

    static string Row(CourseRow row, NotebookProgress? progress)
    {
        var name = E(row.Notebook);
        var link = row.Page ? $"<a href=\"{name}.html\">{name}</a>" : name;
        var thumb = row.Screenshot ? $"<a href=\"{name}.png\"><img src=\"{name}.png\" alt=\"screenshot of {name}\" loading=\"lazy\"></a>" : "";
        return $"""
            <tr class="{(row.Outcome == NotebookOutcome.Passed ? "ok" : "failed")}">
              <td>{link}<div class="question">{E(row.Title)}</div></td>
              <td class="result">{E(row.Verdict)}</td>
              <td>{E(row.Fact("RST seen"))}</td>
              <td>{E(row.Fact("errno"))}</td>
              <td>{E(progress?.ToString() ?? "")}</td>
              <td>{E(row.Seconds)}</td>
              <td class="shot">{thumb}</td>
            </tr>
            """;
    }

    // As Python's html.escape: the page keeps its ✓ and → as characters.
    static string E(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#x27;");
}
