using RstLab.Notebooks;

namespace RstLab.Tests;

[Collection("formatters")]
public sealed class LabNotebookTests
{
    [Fact]
    public void It_carries_plotly_js_for_offline_charts()
    {
        var js = LabNotebook.PlotlyJs();

        Assert.Contains("plotly", js);
        Assert.True(js.Length > 1_000_000, $"plotly.js is only {js.Length} characters");
    }

    [Fact]
    public void It_registers_formatters_and_names_the_library_on_load()
    {
        var banner = LabNotebook.Load();

        Assert.True(LabNotebook.IsLoaded);
        Assert.Equal(typeof(Formatters).Assembly.Location, banner.LibraryPath);
    }
}
