using System.Text.Json;
using RstLab.Capture;
using RstLab.Diagnosis;
using Xunit.Abstractions;

namespace RstLab.Tests;

public sealed class DiagnoseCommandTests(ITestOutputHelper output)
{
    static (int Code, string Out, string Err) Run(string path, bool json = false, string? html = null)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = DiagnoseCommand.Run(path, o, e, json, html);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void It_prints_a_row_and_its_explanation_per_reset()
    {
        var (code, text, err) = Run(Fixtures.Path("closed-peer.pcap"));
        output.WriteLine(text);

        Assert.Equal((DiagnoseCommand.Diagnosed, ""), (code, err));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("frame", lines[0]);
        Assert.Matches(@"^7 +\S+ +127\.0\.0\.1:\d+ → 127\.0\.0\.1:34985 +responder +DataAfterClose +Stack +NoConnectionRule +Accepted +PeerClosed 80% +EPIPE +RSTR +ShAfDr$", lines[1]);
        Assert.Contains("confirm: on the sender: bpftrace", text);
        Assert.EndsWith("1 reset(s) among 7 TCP segments in " + Fixtures.Path("closed-peer.pcap") + "; at most 1 connection(s) tracked at once.", lines[^1].TrimEnd());
    }

    [Fact]
    public void It_writes_one_json_object_per_reset_for_scripts()
    {
        var (code, text, _) = Run(Path.Combine(Recordings.Folder, "01-overflow.pcap"), json: true);

        Assert.Equal(DiagnoseCommand.Diagnosed, code);
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["AcceptQueueOverflow", "AcceptQueueOverflow", "ListenerClosed", "ListenerClosed"], rows.Select(r => r.GetProperty("Cause").GetString()));
        Assert.Equal("127.0.0.1:8000", rows[0].GetProperty("Responder").GetString());
        Assert.Equal("ECONNRESET", rows[0].GetProperty("PeerError").GetProperty("Name").GetString());
        Assert.Equal(104, rows[0].GetProperty("PeerError").GetProperty("Linux").GetInt32());
    }

    [Fact]
    public void It_writes_a_page_with_the_table_and_a_ladder_per_reset()
    {
        using var temp = new TempFolder();
        var page = Path.Combine(temp.Path, "resets.html");

        var (code, text, _) = Run(Path.Combine(Recordings.Folder, "03-unread-data.pcap"), html: page);

        Assert.Equal(DiagnoseCommand.Diagnosed, code);
        Assert.Contains("Wrote the table and 1 ladder diagram(s) to " + page, text);
        var html = File.ReadAllText(page);
        Assert.Contains("<td><b>AbortiveClose</b>", html);
        Assert.Equal(1, html.Split("<svg").Length - 1);
        Assert.Contains("[R.]", html);
    }

    [Fact]
    public void It_says_in_one_sentence_why_a_file_cannot_be_read()
    {
        using var temp = new TempFolder();
        var damaged = Path.Combine(temp.Path, "cut.pcapng");
        File.WriteAllBytes(damaged, File.ReadAllBytes(Fixtures.Path("links/abort.pcapng"))[..100]);

        var missing = Run(Path.Combine(temp.Path, "none.pcap"));
        var cut = Run(damaged);

        Assert.Equal((DiagnoseCommand.BadInput, ""), (missing.Code, missing.Out));
        Assert.Equal($"There is no capture file (.pcap or .pcapng) at {Path.Combine(temp.Path, "none.pcap")}; pass the path of an existing one.\n", missing.Err);
        Assert.Equal(DiagnoseCommand.BadInput, cut.Code);
        Assert.Matches(@"^\S+cut\.pcapng is truncated: the pcapng block at byte \d+ needs \d+ bytes, \d+ remain\.\n$", cut.Err);
    }

    [Fact]
    public void It_reports_a_capture_without_resets()
    {
        var (code, text, _) = Run(Fixtures.Path("graceful.pcap"));

        Assert.Equal(DiagnoseCommand.Diagnosed, code);
        Assert.Contains("0 reset(s) among 11 TCP segments", text);
    }
}
