using System.Runtime.InteropServices;
using RstLab.Capture;
using RstLab.Packets;

namespace RstLab.Tests;

static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static string ProcNet => Path("proc-net");

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static IReadOnlyList<TcpSegment> Segments(string pcap) => TcpSegment.From(PcapFile.Read(Path(pcap)));

    public static PacketTable Table(string pcap, int? serverPort = null) => new(Segments(pcap), pcap, serverPort);
}

/// <summary>A fact that needs root for raw capture and namespaces; skipped, with the reason, otherwise.</summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (!IsRootUser)
            Skip = "needs root (CAP_NET_RAW/CAP_SYS_ADMIN); CI runs as root";
    }

    internal static bool IsRootUser => OperatingSystem.IsLinux() && geteuid() == 0;

    [DllImport("libc")]
    static extern uint geteuid();
}

/// <summary>Sets an environment variable for one test and puts the old value back.</summary>
sealed class EnvironmentVariable : IDisposable
{
    readonly string _name;
    readonly string? _old;

    public EnvironmentVariable(string name, string? value)
    {
        _name = name;
        _old = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _old);
}

sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rstlab-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

// Live tests read machine-wide counters and capture on the shared lo: they run alone, after the rest.
[CollectionDefinition("live", DisableParallelization = true)]
public sealed class LiveCollection;
