using System.Text.RegularExpressions;
using RstLab.Cli.Course;
using RstLab.Diagrams;
using RstLab.Notebooks;

namespace RstLab.Tests;

/// <summary>Every exported page, opened in headless Chromium that can reach no host: charts and ladder diagrams drawn, RSTs visible, no script error. Screenshots go to <c>out/tests/pages/</c>.</summary>
[Collection("live")]
public sealed class BrowserTests
{
    const string RstRed = "rgb(204, 0, 0)", RstRowPink = "rgb(255, 221, 221)";

    static string Pages => Directory.CreateDirectory(Path.Combine(Notebooks.Root, "out", "tests", "pages")).FullName;

    [Theory]
    [MemberData(nameof(Notebooks.Course), MemberType = typeof(Notebooks))]
    public void It_draws_every_chart_and_diagram_offline_without_a_script_error(string name)
    {
        var run = Notebooks.ExecuteOnce(name);   // the run NotebookRunTests checked; executed once for both
        var html = NotebookRunTests.AssertCompleted(run);
        var page = Notebooks.ExportHtml(Notebooks.ExecutedPath(name), Pages);

        var report = Browser.Render(page, screenshot: Path.ChangeExtension(page, ".png"));

        Assert.Empty(report.Errors);
        var charts = Regex.Count(html, "var renderPlotly_");
        Assert.Equal(charts > 0 ? 1 : 0, report.PlotlyCopies);   // only a page with charts carries plotly.js, once
        Assert.Equal(charts, report.Charts.Count);
        Assert.All(report.Charts, c =>
        {
            Assert.True(c.Visible && c.Svg > 0, "the chart drew its SVG");
            Assert.NotEmpty(c.Points);
            Assert.All(c.Points, points => Assert.True(points > 0, "every trace has points"));
            Assert.True(c.DrawnTraces >= c.Points.Count, $"{c.DrawnTraces} traces drawn for {c.Points.Count} given");
        });
        Assert.Equal(Regex.Count(html, "<svg class=\"rstlab-ladder\""), report.Ladders.Count);
        Assert.All(report.Ladders, l => Assert.True(l.Visible, "every ladder diagram takes up space on the page"));
        Assert.Equal(Regex.Count(html, "<g class=\"rstlab-arrow"), report.Ladders.Sum(l => l.Arrows));
        AssertRstsVisible(html, report);
        AssertNoCodeOffTheEdge(report);
        Assert.True(new FileInfo(Path.ChangeExtension(page, ".png")).Length > 10_000, "a screenshot was saved");
    }

    [Theory]
    [MemberData(nameof(Notebooks.Course), MemberType = typeof(Notebooks))]
    public void It_shows_no_code_running_off_the_right_edge(string name)
    {
        using var folder = new TempFolder();
        var page = Notebooks.ExportHtml(Path.Combine(Notebooks.Folder, name), folder.Path);   // as committed: the code is the page's

        var report = Browser.Render(page);

        Assert.Equal(Notebooks.CodeCells(Notebooks.Load(Path.Combine(Notebooks.Folder, name))).Count(), Regex.Count(File.ReadAllText(page), "jp-CodeCell "));
        AssertNoCodeOffTheEdge(report);
    }

    [Fact]
    public void It_names_the_cell_and_line_of_code_that_runs_off_the_right_edge()
    {
        using var folder = new TempFolder();
        var notebook = Path.Combine(folder.Path, "wide.ipynb");
        var wide = "var wide = \"" + new string('x', 200) + "\";";
        File.WriteAllText(notebook, new System.Text.Json.Nodes.JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["cells"] = new System.Text.Json.Nodes.JsonArray(Cell("a", "var narrow = 1;"), Cell("b", $"// the second cell\nvar ok = 2;\n{wide}")),
        }.ToJsonString());

        var report = Browser.Render(Notebooks.ExportHtml(notebook, folder.Path));

        var overflow = Assert.Single(report.CodeOffTheEdge);
        Assert.Equal((2, "// the second cell", 3, wide), (overflow.Cell, overflow.FirstLine, overflow.Line, overflow.Text));
        Assert.True(overflow.CodeWidth > overflow.BoxWidth, overflow.ToString());

        static System.Text.Json.Nodes.JsonObject Cell(string id, string source) => new()
        {
            ["cell_type"] = "code", ["id"] = id, ["execution_count"] = null, ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["outputs"] = new System.Text.Json.Nodes.JsonArray(), ["source"] = source,
        };
    }

    [Fact]
    public void It_shows_rst_rows_and_red_rst_arrows()
    {
        var table = Fixtures.Table("abort.pcap");
        var html = HtmlView.Packets(table) + LadderDiagram.Of(table).ToSvg();
        var page = Path.Combine(Pages, "fixture-abort.html");
        File.WriteAllText(page, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{html}</body></html>");

        var report = Browser.Render(page, screenshot: Path.ChangeExtension(page, ".png"));

        Assert.Empty(report.Errors);
        Assert.Equal(1, report.RstRows);
        Assert.Equal(1, report.RstArrows);
        Assert.Equal(RstRowPink, report.RstRowColor);
        Assert.Equal(RstRed, report.RstArrowColor);
        Assert.Equal([new LadderReport(true, 6)], report.Ladders);
    }

    [Fact]
    public void It_reports_script_errors_and_loads_from_the_network()
    {
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "broken.html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><script src="https://cdn.plot.ly/plotly-2.28.0.min.js"></script></head>
            <body><script>throw new Error('boom');</script><script>console.error('drawn badly');</script></body></html>
            """);

        var report = Browser.Render(page);

        Assert.Contains(report.Errors, e => e.StartsWith("failed to load https://cdn.plot.ly/"));
        Assert.Contains(report.Errors, e => e.Contains("boom"));
        Assert.Contains(report.Errors, e => e == "console.error: drawn badly");
        Assert.Equal(0, report.PlotlyCopies);
    }

    [Fact]
    public void It_links_the_course_in_order_with_each_check_result_on_the_index_page()
    {
        using var output = new TempFolder();
        var course = Notebooks.Course().Select(c => Path.GetFileNameWithoutExtension((string)c[0])).ToList();
        // A run as ./lab run leaves it: the first notebook held every claim, every later one failed one.
        var rows = course.Select((name, i) => new CourseRow(name, NotebookFile.Title(Path.Combine(Notebooks.Folder, name + ".ipynb")),
            i == 0 ? NotebookOutcome.Passed : NotebookOutcome.Failed, new CheckSummary(i == 0 ? 5 : 4, i == 0 ? 0 : 1,
                new Dictionary<string, string> { ["RST seen"] = "S → R.", ["errno"] = "none" }), TimeSpan.FromSeconds(10 + i), Page: true, Screenshot: false)).ToList();

        IndexPage.Write(new CourseRun(DateTimeOffset.UtcNow, rows, TimeSpan.FromSeconds(60)), output.Path);

        var index = Path.Combine(output.Path, "index.html");
        var html = File.ReadAllText(index);
        Assert.Equal(course.Select(n => n + ".html"), Regex.Matches(html, "<a href=\"([^\"]+\\.html)\">").Select(m => m.Groups[1].Value));
        Assert.Contains("✓ 5 of 5 claims hold", html);
        Assert.Equal(course.Count - 1, Regex.Count(html, "✗ failed: 4 of 5 claims hold"));
        Assert.Contains("<td>10 s</td>", html);
        Assert.Empty(Browser.Render(index).Errors);
    }

    /// <summary>No code cell's code is wider than its box or ends past the page's right edge, at <see cref="Browser.PageWidth"/>.</summary>
    static void AssertNoCodeOffTheEdge(PageReport report) =>
        Assert.True(report.CodeOffTheEdge.Count == 0, string.Join("\n", report.CodeOffTheEdge));

    /// <summary>As many RST rows and red RST arrows on screen as the notebook displayed, drawn in the RST colours.</summary>
    static void AssertRstsVisible(string html, PageReport report)
    {
        var rows = Regex.Matches(html, "<table class=\"rstlab rstlab-packets\">.*?</table>", RegexOptions.Singleline).Sum(t => Regex.Count(t.Value, "<tr class=\"rst\">"));
        var arrows = Regex.Count(html, "<g class=\"rstlab-arrow rst\"");
        Assert.Equal(rows, report.RstRows);
        Assert.Equal(arrows, report.RstArrows);
        if (rows > 0)
            Assert.Equal(RstRowPink, report.RstRowColor);
        if (arrows > 0)
            Assert.Equal(RstRed, report.RstArrowColor);
    }
}
