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
        Assert.Contains("RSTLAB_HOME", firsts[0]);
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
