using System.Runtime.InteropServices;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Namespaces;

namespace RstLab.Probe;

/// <summary>One thing the lab needs from this machine: whether it is here, what was seen, and what to do if not.</summary>
/// <param name="Name">What is needed.</param>
/// <param name="Available">Whether this machine allows it.</param>
/// <param name="Detail">What the probe saw.</param>
/// <param name="Remedy">What to do when it is missing (empty when available).</param>
public sealed record Capability(string Name, bool Available, string Detail, string Remedy)
{
    /// <summary>Probes this machine: OS, kernel, libpcap, live capture on <c>lo</c>, network namespaces, kernel counters.</summary>
    public static IReadOnlyList<Capability> ProbeAll() =>
    [
        OperatingSystemCapability(),
        KernelCounters(),
        Libpcap(),
        LiveCaptureOnLoopback(),
        NetworkNamespaces(),
    ];

    static Capability OperatingSystemCapability() => new(
        "Linux",
        OperatingSystem.IsLinux(),
        $"{RuntimeInformation.OSDescription}, kernel {Recordings.KernelRelease()}, .NET {Environment.Version}",
        OperatingSystem.IsLinux() ? "" : "The experiments describe Linux; open the course in the devcontainer (Codespaces or VS Code) to get one.");

    static Capability KernelCounters()
    {
        try
        {
            var snapshot = CounterSnapshot.Take();
            return new("Kernel TCP counters", true, $"{snapshot.Values.Count} counters in /proc/net/snmp and /proc/net/netstat", "");
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException or UnauthorizedAccessException)
        {
            return new("Kernel TCP counters", false, e.Message, "Counter deltas need Linux's /proc/net; use the devcontainer.");
        }
    }

    static Capability Libpcap()
    {
        try
        {
            return new("libpcap", true, SharpPcap.Pcap.Version, "");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return new("libpcap", false, "libpcap could not be loaded", "sudo apt-get install libpcap0.8");
        }
    }

    static Capability LiveCaptureOnLoopback()
    {
        try
        {
            using var capture = LiveCapture.Start("lo", 9);
            return new("Live capture on lo", true, $"opened lo with filter '{capture.Filter}'", "");
        }
        catch (CaptureUnavailableException e)
        {
            return new("Live capture on lo", false, e.Problem.ToString(), e.Message);
        }
    }

    static Capability NetworkNamespaces()
    {
        try
        {
            using var ns = NetworkNamespace.Create();
            return new("Network namespaces", true, $"created and removed {ns.Name}", "");
        }
        catch (NamespaceUnavailableException e)
        {
            return new("Network namespaces", false, "cannot create one", e.Message);
        }
    }
}
