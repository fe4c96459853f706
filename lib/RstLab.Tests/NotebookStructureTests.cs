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

/// <summary>The rerun test compares what cells showed; these prove the comparison sees a changed flag and ignores a changed time.</summary>
public sealed class EvidenceTests
{
    static System.Text.Json.Nodes.JsonNode Cell(string row) => System.Text.Json.Nodes.JsonNode.Parse(
        "{\"cell_type\":\"code\",\"outputs\":[{\"output_type\":\"display_data\",\"data\":{\"text/html\":" +
        System.Text.Json.JsonSerializer.Serialize("<table class=\"rstlab rstlab-packets\"><tr><th>#</th></tr>" + row + "</table>") + "}}]}")!;

    [Fact]
    public void It_tells_runs_apart_by_their_flags_not_their_times_or_where_a_bare_ack_fell()
    {
        var syn = Cell("<tr><td>1</td><td>0.000001</td><td>0</td><td>client → server</td><td>[S]</td></tr>");
        var slowerSyn = Cell("<tr><td>1</td><td>0.000250</td><td>0</td><td>client → server</td><td>[S]</td></tr>");
        var rst = Cell("<tr class=\"rst\"><td>1</td><td>0.000001</td><td>0</td><td>server → client</td><td>[R.]</td></tr>");

        var ackAlone = Cell("<tr><td>1</td><td>0</td><td>0</td><td>c</td><td>[F.]</td></tr><tr><td>2</td><td>0</td><td>0</td><td>s</td><td>[.]</td></tr><tr><td>3</td><td>0</td><td>0</td><td>s</td><td>[F.]</td></tr>");
        var ackRiding = Cell("<tr><td>1</td><td>0</td><td>0</td><td>c</td><td>[F.]</td></tr><tr><td>2</td><td>0</td><td>0</td><td>s</td><td>[F.]</td></tr>");

        Assert.Equal("packets: [S]", Notebooks.Evidence(syn));
        Assert.Equal(Notebooks.Evidence(ackAlone), Notebooks.Evidence(ackRiding));
        Assert.Equal(Notebooks.Evidence(syn), Notebooks.Evidence(slowerSyn));
        Assert.NotEqual(Notebooks.Evidence(syn), Notebooks.Evidence(rst));
    }
}
