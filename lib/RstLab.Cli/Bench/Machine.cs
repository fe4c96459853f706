using System.Globalization;
using System.Text.Json.Serialization;
using RstLab.Capture;

namespace RstLab.Cli.Bench;

/// <summary>The machine benchmark figures come from: cores, CPU, memory, distribution, kernel, .NET SDK, libpcap, and the load average before and after.</summary>
/// <param name="Date">When the figures were taken, e.g. <c>2026-11-25 14:02 UTC</c>.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="Cpu">The CPU's model name.</param>
/// <param name="MemoryGiB">Memory, in GiB.</param>
/// <param name="Distro">The distribution, with Debian's point release.</param>
/// <param name="Kernel">The kernel release.</param>
/// <param name="DotnetSdk">The .NET SDK version.</param>
/// <param name="Libpcap">libpcap's version, as tcpdump reports it.</param>
/// <param name="LoadBefore">The load average (1, 5, 15 min) before the benchmarks.</param>
/// <param name="LoadAfter">The load average after them, once known.</param>
public sealed record Machine(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("cpu")] string Cpu,
    [property: JsonPropertyName("memory GiB")] double MemoryGiB,
    [property: JsonPropertyName("distro")] string Distro,
    [property: JsonPropertyName("kernel")] string Kernel,
    [property: JsonPropertyName("dotnet sdk")] string DotnetSdk,
    [property: JsonPropertyName("libpcap")] string Libpcap,
    [property: JsonPropertyName("load average before")] string LoadBefore,
    [property: JsonPropertyName("load average after")] string? LoadAfter = null)
{
    /// <summary>This machine, now.</summary>
    public static Machine Now()
    {
        var release = ReadLines("/etc/os-release").Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim('"'));
        var distro = release.GetValueOrDefault("PRETTY_NAME", "Linux");
        if (File.Exists("/etc/debian_version"))
            distro += $" ({File.ReadAllText("/etc/debian_version").Trim()})";
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            ?? System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString();
        var kib = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var libpcap = ChildProcess.Output("tcpdump", "--version")?.Split('\n').FirstOrDefault(l => l.Contains("libpcap", StringComparison.Ordinal))?.Trim();
        return new Machine(
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Environment.ProcessorCount,
            cpu,
            kib is null ? 0 : Math.Round(long.Parse(kib, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1),
            distro,
            Recordings.KernelRelease(),
            ChildProcess.Output("dotnet", "--version")?.Trim() ?? "none",
            libpcap ?? "libpcap unknown",
            LoadAverage());
    }

    /// <summary>The load average over 1, 5 and 15 minutes, e.g. <c>0.12 0.30 0.41</c>.</summary>
    public static string LoadAverage() => string.Join(" ", ReadLines("/proc/loadavg").FirstOrDefault()?.Split(' ').Take(3) ?? ["unknown"]);

    static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
