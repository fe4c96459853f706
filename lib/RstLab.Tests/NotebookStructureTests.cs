namespace RstLab.Tests;

public sealed class NotebookStructureTests
{
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_commits_notebooks_without_outputs(string name)
    {
        var notebook = Notebooks.Load(Path.Combine(Notebooks.Folder, name));
        foreach (var cell in Notebooks.CodeCells(notebook))
        {
            Assert.Empty(cell["outputs"]!.AsArray());
            Assert.Null((int?)cell["execution_count"]);
        }
    }

    [Fact]
    public void It_loads_the_library_with_the_same_first_cell_everywhere()
    {
        var firsts = Notebooks.All()
            .Select(n => Notebooks.Source(Notebooks.CodeCells(Notebooks.Load(Path.Combine(Notebooks.Folder, (string)n[0]))).First()))
            .ToList();
        Assert.True(firsts.Count >= 2, "expected at least 00 and 01");
        Assert.All(firsts, f => Assert.Equal(firsts[0], f));
        Assert.Contains("LabNotebook.Load()", firsts[0]);
        Assert.Contains("#r \"../lib/bin/RstLab.Notebooks.dll\"", firsts[0]);
    }

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_ends_with_what_we_saw_and_a_check_cell(string name)
    {
        var cells = Notebooks.Load(Path.Combine(Notebooks.Folder, name))["cells"]!.AsArray();
        var last = cells[^1]!;
        var beforeLast = cells[^2]!;
        Assert.Equal("code", (string?)last["cell_type"]);
        Assert.Contains("new Checks(\"" + Path.GetFileNameWithoutExtension(name) + "\")", Notebooks.Source(last));
        Assert.EndsWith(".Assert()", Notebooks.Source(last).TrimEnd());
        Assert.StartsWith("## What we saw", Notebooks.Source(beforeLast));
    }

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_titles_each_notebook_with_a_question(string name)
    {
        var first = Notebooks.Source(Notebooks.Load(Path.Combine(Notebooks.Folder, name))["cells"]!.AsArray()[0]!);
        Assert.Matches(@"^# .+\?", first);
    }
}

/// <summary>The rerun test compares what cells showed; these prove the comparison sees a changed flag or direction and ignores a
/// changed time, where a bare ACK fell and how data was cut into segments.</summary>
public sealed class EvidenceTests
{
    static System.Text.Json.Nodes.JsonNode Cell(params string[] rows) => System.Text.Json.Nodes.JsonNode.Parse(
        "{\"cell_type\":\"code\",\"outputs\":[{\"output_type\":\"display_data\",\"data\":{\"text/html\":" +
        System.Text.Json.JsonSerializer.Serialize("<table class=\"rstlab rstlab-packets\"><tr><th>#</th><th>time (s)</th><th>conn</th><th>direction</th><th>flags</th></tr>"
            + string.Concat(rows.Select((r, i) => $"<tr><td>{i + 1}</td><td>0.00{i}</td><td>1</td><td>{r.Split(' ')[0]} → x</td><td>{r.Split(' ')[1]}</td></tr>"))
            + "</table>") + "}}]}")!;

    [Fact]
    public void It_tells_runs_apart_by_their_flags_and_directions_not_their_times_or_where_a_bare_ack_fell()
    {
        var syn = Cell("client [S]");
        var slowerSyn = System.Text.Json.Nodes.JsonNode.Parse(Cell("client [S]").ToJsonString().Replace("0.000", "0.250"))!;

        Assert.Equal("packets: client [S]", Notebooks.Evidence(syn));
        Assert.Equal(Notebooks.Evidence(syn), Notebooks.Evidence(slowerSyn));
        Assert.NotEqual(Notebooks.Evidence(syn), Notebooks.Evidence(Cell("server [S]")));
        Assert.NotEqual(Notebooks.Evidence(syn), Notebooks.Evidence(Cell("client [R.]")));
        Assert.Equal(Notebooks.Evidence(Cell("client [F.]", "server [.]", "server [F.]")), Notebooks.Evidence(Cell("client [F.]", "server [F.]")));
    }

    [Fact]
    public void It_counts_a_run_of_data_segments_one_way_once_but_not_data_both_ways()
    {
        var oneSegment = Cell("client [P.]", "server [P.]", "client [F.]");
        var twoSegments = Cell("client [P.]", "server [P.]", "server [P.]", "client [F.]");

        Assert.Equal(Notebooks.Evidence(oneSegment), Notebooks.Evidence(twoSegments));
        Assert.NotEqual(Notebooks.Evidence(oneSegment), Notebooks.Evidence(Cell("client [P.]", "client [F.]")));
        Assert.NotEqual(Notebooks.Evidence(Cell("client [R]")), Notebooks.Evidence(Cell("client [R]", "client [R]")));
    }
}
