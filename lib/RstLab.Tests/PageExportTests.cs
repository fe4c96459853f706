using RstLab.Cli;
using RstLab.Cli.Course;

namespace RstLab.Tests;

/// <summary>./lab run's pages: one exporter (<c>lib/page/export.py</c>) for the whole run makes each page as <c>jupyter nbconvert --template page</c> does.</summary>
public sealed class PageExportTests
{
    static readonly Repository Repository = new(Notebooks.Root);

    [Fact]
    public async Task It_makes_each_page_as_nbconvert_does_in_one_exporter_for_every_batch()
    {
        using var folder = new TempFolder();
        using var cli = new TempFolder();
        var (first, second) = (Copy("01-no-listener", folder), Copy("06-production-resets", folder));
        using var export = new PageExport(Repository);

        Assert.Equal([first], await export.HtmlAsync([first], CancellationToken.None));
        var exporter = export.ExporterId;
        Assert.Equal([second], await export.HtmlAsync([second], CancellationToken.None));

        Assert.NotNull(exporter);
        Assert.Equal(exporter, export.ExporterId);   // nbconvert started once, not once a batch
        foreach (var notebook in (string[])[first, second])
        {
            var page = Notebooks.ExportHtml(notebook, cli.Path);
            Assert.True(File.ReadAllText(page) == File.ReadAllText(Path.ChangeExtension(notebook, ".html")), $"{Path.GetFileName(page)} differs from nbconvert's");
        }
    }

    [Fact]
    public async Task It_leaves_out_a_notebook_it_cannot_read_and_makes_the_others_and_the_next_batch()
    {
        using var folder = new TempFolder();
        var broken = Path.Combine(folder.Path, "broken.ipynb");
        File.WriteAllText(broken, "{ not a notebook");
        var (fine, next) = (Copy("02-abort", folder), Copy("00-lab-check", folder));
        using var export = new PageExport(Repository);

        Assert.Equal([fine], await export.HtmlAsync([broken, fine], CancellationToken.None));
        Assert.Equal([next], await export.HtmlAsync([next], CancellationToken.None));
        Assert.False(File.Exists(Path.ChangeExtension(broken, ".html")));
    }

    [Fact]
    public async Task It_ends_its_exporter_when_a_batch_is_cancelled_and_when_the_run_is_done()
    {
        using var folder = new TempFolder();
        var many = Enumerable.Range(1, 30).Select(i => Copy("06-production-resets", folder, $"copy-{i}")).ToList();   // about 12 s of pages
        var export = new PageExport(Repository);
        await export.HtmlAsync([many[0]], CancellationToken.None);
        var id = export.ExporterId!.Value;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => export.HtmlAsync(many, cancel.Token));

        Assert.Null(export.ExporterId);
        Assert.False(Directory.Exists($"/proc/{id}"), $"exporter {id} still runs after its batch was cancelled");
        Assert.Equal([many[1]], await export.HtmlAsync([many[1]], CancellationToken.None));   // the next batch, by another exporter
        id = export.ExporterId!.Value;
        export.Dispose();
        Assert.False(Directory.Exists($"/proc/{id}"), $"exporter {id} still runs after Dispose");
    }

    [Fact]
    public void It_runs_the_exporter_with_the_python_that_runs_nbconvert()
    {
        using var folder = new TempFolder();
        string Shebang(string line)
        {
            File.WriteAllText(Path.Combine(folder.Path, "jupyter-nbconvert"), line + "\nimport sys\n");
            return PageExport.Python($"/nonexistent:{folder.Path}") ?? "none";
        }

        Assert.Equal("/usr/bin/python3", Shebang("#!/usr/bin/python3"));
        Assert.Equal("python3", Shebang("#!/usr/bin/env python3"));
        Assert.Equal("none", Shebang("import sys"));
        Assert.Null(PageExport.Python("/nonexistent"));
    }

    static string Copy(string notebook, TempFolder folder, string? name = null)
    {
        var copy = Path.Combine(folder.Path, (name ?? notebook) + ".ipynb");
        File.Copy(Path.Combine(Notebooks.Folder, notebook + ".ipynb"), copy);
        return copy;
    }
}
