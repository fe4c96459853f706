using System.Net;
using System.Text;
using RstLab.Evidence;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Notebooks;

/// <summary>An experiment's calls as packetdrill would write them: the call's own text, what it returned, what the cell predicted.</summary>
public static class ExperimentView
{
    /// <summary>One side's calls as a table (call, returned, expected, ✓/✗, errno on Linux and macOS), or why they did not run.</summary>
    public static string Calls(CallLog calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.NotRun is not null)
            return HtmlView.Note($"The {calls.Side}'s calls did not run here: {calls.NotRun}");
        var html = new StringBuilder();
        html.Append($"<table class=\"rstlab rstlab-calls\"><tr><th>{E(calls.Side)} call</th><th>returned</th><th>expected</th><th></th><th>macOS</th><th>time</th></tr>");
        foreach (var c in calls)
        {
            var row = c.AsExpected == false ? "bad" : c.Succeeded ? "" : "rst";
            html.Append($"<tr class=\"{row}\"><td><code>{E(c.Call)}</code></td><td><code>{E(ExpectedResult.Text(c))}</code></td>");
            html.Append($"<td><code>{E(c.Expected?.ToString() ?? "")}</code></td><td>{(c.AsExpected switch { true => "✓", false => "✗", null => "" })}</td>");
            html.Append($"<td>{(c.Errno is { } x ? $"{x.Name} {x.MacOS}" : "")}</td><td>{c.Elapsed.TotalMilliseconds:0.###} ms</td></tr>");
        }
        return HtmlView.Style + html.Append("</table>");
    }

    /// <summary>One side's calls as text, one line per call.</summary>
    public static string CallsText(CallLog calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return calls.ToString();
    }

    /// <summary>The experiment: live or why not, then each side's calls that ran.</summary>
    public static string Experiment(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var html = new StringBuilder(HtmlView.Note(experiment.ToString()));
        if (experiment.Server.Count > 0) html.Append(Calls(experiment.Server));
        if (experiment.Client.Count > 0) html.Append(Calls(experiment.Client));
        if (experiment.Counters is { } counters) html.Append(HtmlView.Counters(counters));
        return html.ToString();
    }

    /// <summary>The experiment as text.</summary>
    public static string ExperimentText(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return string.Join("\n", new[] { experiment.ToString(), experiment.Server.Count > 0 ? experiment.Server.ToString() : "", experiment.Client.Count > 0 ? experiment.Client.ToString() : "" }.Where(s => s.Length > 0));
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
