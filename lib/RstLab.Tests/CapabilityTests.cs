using RstLab.Probe;

namespace RstLab.Tests;

[Collection("live")]
public sealed class CapabilityTests
{
    [LiveFact]
    public void It_finds_everything_the_lab_needs_as_root()
    {
        var capabilities = Capability.ProbeAll();

        Assert.Equal(["Linux", "Kernel TCP counters", "libpcap", "Live capture on lo", "Network namespaces"], capabilities.Select(c => c.Name));
        Assert.All(capabilities, c => Assert.True(c.Available, $"{c.Name}: {c.Detail} {c.Remedy}"));
        Assert.All(capabilities, c => Assert.Equal("", c.Remedy));
    }
}
