using Microsoft.DotNet.Interactive.Formatting;
using RstLab.Charts;
using RstLab.Notebooks;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

// Formatter registrations are process-wide; LabNotebook.Load registers them too.
[Collection("formatters")]
public sealed class FormattersTests
{
    [Fact]
    public void It_makes_notebooks_show_packet_tables_as_our_html()
    {
        Formatters.Register();
        var table = Fixtures.Table("abort.pcap");

        var html = Formatter.ToDisplayString(table, HtmlFormatter.MimeType);

        Assert.Equal(HtmlView.Packets(table), html);
        Assert.Contains("<tr class=\"rst\">", html);
    }

    [Fact]
    public void It_says_in_the_banner_what_a_killed_kernel_left_and_nothing_otherwise()
    {
        Formatters.Register();
        var clean = new LabBanner("/lab/lib/bin/RstLab.Notebooks.dll");
        var after = clean with { Leftovers = "Removed 2 network namespaces left by a process that was killed (PID 1234)." };

        Assert.DoesNotContain("Removed", Formatter.ToDisplayString(clean, HtmlFormatter.MimeType));
        Assert.Contains("charts draw offline. Removed 2 network namespaces left by a process that was killed (PID 1234).</div>", Formatter.ToDisplayString(after, HtmlFormatter.MimeType));
        Assert.Equal("RST lab loaded from /lab/lib/bin/RstLab.Notebooks.dll. Removed 2 network namespaces left by a process that was killed (PID 1234).", Formatter.ToDisplayString(after, PlainTextFormatter.MimeType));
    }

    [Fact]
    public void It_makes_notebooks_show_packet_tables_as_our_text()
    {
        Formatters.Register();
        var table = Fixtures.Table("refused.pcap");

        Assert.Equal(TextView.Packets(table), Formatter.ToDisplayString(table, PlainTextFormatter.MimeType));
    }

    [Fact]
    public void It_gives_a_file_based_app_the_same_text_as_the_kernels_plain_text_output()
    {
        Formatters.Register();
        var table = Fixtures.Table("refused.pcap");
        IEnumerable<SocketOutcome> calls = [new("connect", System.Net.Sockets.SocketError.ConnectionRefused, 111, TimeSpan.FromMicroseconds(40))];

        Assert.Equal(Formatter.ToDisplayString(table, PlainTextFormatter.MimeType), Formatters.Text(table));
        Assert.Equal(Formatter.ToDisplayString(calls, PlainTextFormatter.MimeType), Formatters.Text(calls));
        Assert.Null(Formatters.Text(new object()));   // no view: the app falls back to ToString
    }

    [Fact]
    public void It_draws_charts_with_the_embedded_plotly_and_no_cdn()
    {
        var latencies = RefusalLatency.From(Fixtures.Table("refused-three.pcap"));
        var calls = latencies.Select(l => new SocketOutcome("connect", System.Net.Sockets.SocketError.ConnectionRefused, 111, TimeSpan.FromMicroseconds(l.Microseconds * 3))).ToList();

        var html = Formatters.Chart(LabCharts.RefusalLatency(latencies, calls));

        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("typeof Plotly === 'undefined'", html);
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void It_puts_plotly_js_in_the_first_chart_cell_only_and_again_when_that_cell_reruns()
    {
        Formatters.ForgetPlotly();

        var first = Formatters.PlotlyFor("chart(a)");
        var other = Formatters.PlotlyFor("chart(b)");
        var rerun = Formatters.PlotlyFor("chart(a)");
        Formatters.ForgetPlotly();   // the notebook's first cell ran again
        var afterLoad = Formatters.PlotlyFor("chart(b)");

        Assert.StartsWith("<script type=\"text/javascript\">", first);
        Assert.Contains(LabNotebook.PlotlyJs(), first);
        Assert.Equal("", other);
        Assert.Equal(first, rerun);
        Assert.Equal(first, afterLoad);
        Assert.Equal("", Formatters.PlotlyFor("chart(a)"));
    }

    [Fact]
    public void It_refuses_to_chart_nothing() =>
        Assert.Throws<LabArgumentException>(() => LabCharts.RefusalLatency([], []));
}
