using System.Net;
using System.Text.RegularExpressions;

namespace RstLab.Tests;

/// <summary>
/// The learner with exactly one capability, <c>cap_net_raw</c>, on the dotnet it runs (the setup's capture copy, made where the
/// bounding set lacks cap_net_admin): live capture works, and the parts that need a network namespace say what else they need.
/// </summary>
[Collection("live")]
public sealed class CaptureCapabilityTests(CaptureCapabilityTests.RawOnly setup) : IClassFixture<CaptureCapabilityTests.RawOnly>
{
    /// <summary>
    /// In a container that lacks NET_ADMIN (an engine that ignores runArgs), a dotnet carrying cap_net_admin would not
    /// start at all, even for root: the setup grants only what the bounding set holds, and the copy still starts.
    /// </summary>
    [LiveFact]
    public void It_grants_only_the_capabilities_the_bounding_set_allows()
    {
        Assert.True(setup.Lab.Result.Code == 0, setup.Lab.Result.Output + setup.Lab.Result.Error);
        Assert.Contains("cap_net_admin is not available here", setup.Lab.Result.Error);
        Assert.Equal("cap_net_raw=eip", LabSetup.CapabilitiesOf(setup.Lab.CaptureDotnet));
        Assert.Equal(0, Command.Run(setup.Lab.CaptureDotnet, "--list-runtimes").Code);
    }

    [LiveTheory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_captures_live_with_only_cap_net_raw_and_says_what_else_a_part_needs(string name)
    {
        Assert.True(setup.Lab.Result.Code == 0, setup.Lab.Result.Output + setup.Lab.Result.Error);
        using var output = Learner.OutputFolder();

        var run = Learner.Execute(name, output.Path, setup.Lab.CaptureDotnet);

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
            .Any(c => Regex.IsMatch(Notebooks.Source(c), @"\b(NetworkNamespace|RebootedPeer|TwoHosts)\b|Lab\.Start(Private|Routed)\b"));

    /// <summary>The setup's capture copy for the learner, made where the bounding set lacks cap_net_admin: it carries cap_net_raw alone.</summary>
    public sealed class RawOnly : IDisposable
    {
        public RawOnly()
        {
            if (!LiveFactAttribute.IsRootUser)
                return;
            Learner.Ensure();
            Lab = LabSetup.Run("./lab setup --capture", Learner.Name, without: "cap_net_admin");
        }

        internal LabSetup Lab { get; } = null!;

        public void Dispose() => Lab?.Dispose();
    }
}
