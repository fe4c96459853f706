using System.Net;
using System.Text.RegularExpressions;

namespace RstLab.Tests;

/// <summary>
/// The learner with exactly one capability, <c>cap_net_raw</c>, on the dotnet it runs (a private copy, so no other
/// test gains it): live capture works, and the parts that need a network namespace say what else they need.
/// </summary>
[Collection("live")]
public sealed class CaptureCapabilityTests
{
    [LiveTheory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_captures_live_with_only_cap_net_raw_and_says_what_namespaces_need(string name)
    {
        using var dotnet = PrivateDotnet.Create("cap_net_raw");
        using var output = Learner.OutputFolder();

        var run = Learner.Execute(name, output.Path, dotnet.Folder);

        var page = WebUtility.HtmlDecode(AssertCompleted(run));
        Assert.DoesNotContain("not permitted for this user", page);
        // Every capture is live, except those inside a namespace, which fall back to the recording and say why.
        var recordedBecause = Regex.Matches(page, @"shown because this part cannot run live here: ([^.]*)").Select(m => m.Groups[1].Value).ToList();
        Assert.All(recordedBecause, reason => Assert.Contains("network namespace", reason));
        if (UsesNamespaces(name))
            Assert.Contains("Creating a network namespace needs root (CAP_SYS_ADMIN)", page);
        else
            Assert.Contains("Live capture on lo", page);
        if (page.Contains("network namespace needs root"))
            Assert.Contains("Capabilities set on dotnet do not reach the ip command, so run the course as root to see this part live: sudo ./lab run", page);
    }

    /// <summary>Whether the notebook's code creates a network namespace (directly or through a scenario that does).</summary>
    internal static bool UsesNamespaces(string name) =>
        Notebooks.CodeCells(Notebooks.Load(Path.Combine(Notebooks.Folder, name)))
            .Any(c => Regex.IsMatch(Notebooks.Source(c), @"\b(NetworkNamespace|AcceptQueueOverflow|RebootedPeer)\b"));

    static string AssertCompleted((int ExitCode, System.Text.Json.Nodes.JsonNode? Executed, string Log) run)
    {
        Assert.True(run.Executed is not null, $"no executed notebook was written; the runner said: {run.Log}");
        Assert.Empty(Notebooks.Errors(run.Executed!));
        Assert.Equal(0, run.ExitCode);
        var html = Notebooks.Html(run.Executed!);
        Assert.Matches(@"(\d+) of \1 claims hold on this machine", html);
        return html;
    }
}
