using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class CounterCatalogTests
{
    [Fact]
    public void It_explains_rst_counters_only()
    {
        Assert.Contains("RST", CounterCatalog.Explain("Tcp.OutRsts"));
        Assert.Contains("SO_LINGER", CounterCatalog.Explain("TcpExt.TCPAbortOnData"));
        Assert.Null(CounterCatalog.Explain("Tcp.InSegs"));
    }

    [Fact]
    public void It_keeps_full_names_as_they_are() =>
        Assert.Equal("Tcp.OutRsts", CounterCatalog.FullName("Tcp.OutRsts", ["Tcp.OutRsts", "X.Tcp.OutRsts"]));

    [Fact]
    public void It_matches_short_names_on_a_whole_segment() =>
        Assert.Throws<KeyNotFoundException>(() => CounterCatalog.FullName("Rsts", ["Tcp.OutRsts"]));
}
