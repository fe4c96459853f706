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
    public void It_captures_live_with_only_cap_net_raw_and_says_what_else_a_part_needs(string name)
    {
        using var dotnet = PrivateDotnet.Create("cap_net_raw");
        using var output = Learner.OutputFolder();

        var run = Learner.Execute(name, output.Path, dotnet.Folder);

        var page = WebUtility.HtmlDecode(NotebookRunTests.AssertCompleted(run));
        Assert.DoesNotContain("Live capture on lo is not permitted", page);
        // Every capture is live, except where a part needs more than capture (a namespace, or CAP_NET_ADMIN for TCP_REPAIR): it falls back to the recording and says why.
        var recordedBecause = Regex.Matches(page, @"shown because this part cannot run live here: ([^.]*)").Select(m => m.Groups[1].Value).ToList();
        Assert.All(recordedBecause, reason => Assert.Matches("network namespace|TCP_REPAIR is not permitted", reason));
        if (page.Contains("TCP_REPAIR is not permitted"))
            Assert.Contains("needs CAP_NET_ADMIN", page);
        if (UsesNamespaces(name))
            Assert.Contains("Creating a network namespace needs root (CAP_SYS_ADMIN)", page);
        else
            Assert.Contains("Live capture on lo", page);
        if (page.Contains("network namespace needs root"))
            Assert.Contains("Capabilities set on dotnet do not reach the ip command, so run the course as root to see this part live: sudo ./lab run", page);
        // Live capture without root: the kernel's reasons are not traced, and the live captures and the check cell say so.
        if (NotebookRunTests.ClaimsReasons(name))
        {
            Assert.Contains("The kernel's reset reasons are not traced: tracefs is readable by root only", page);
            Assert.Contains("could not be traced here", page);
        }
    }

    /// <summary>Whether the notebook's code creates a network namespace (directly or through a scenario that does).</summary>
    internal static bool UsesNamespaces(string name) =>
        Notebooks.CodeCells(Notebooks.Load(Path.Combine(Notebooks.Folder, name)))
            .Any(c => Regex.IsMatch(Notebooks.Source(c), @"\b(NetworkNamespace|AcceptQueueOverflow|RebootedPeer)\b"));
}
