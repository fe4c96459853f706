using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Tests;

[Collection("live")]
public sealed class NetworkNamespaceTests
{
    [LiveFact]
    public void It_exists_until_disposed()
    {
        string name;
        using (var ns = NetworkNamespace.Create())
        {
            name = ns.Name;
            Assert.Matches($"^rstlab-{Environment.ProcessId}-\\d+$", name);
            Assert.Contains(name, IpNetnsList());
            Assert.Contains(name, NetworkNamespace.List());
        }

        Assert.DoesNotContain(name, IpNetnsList());
    }

    [LiveFact]
    public void It_removes_namespaces_left_by_dead_processes()
    {
        var pid = Enumerable.Range(4_000_000, 1000).First(p => !Directory.Exists($"/proc/{p}"));
        var stale = $"rstlab-{pid}-1";
        Ip($"netns add {stale}");
        try
        {
            var removed = NetworkNamespace.RemoveStale();

            Assert.Contains(stale, removed);
            Assert.DoesNotContain(stale, IpNetnsList());
        }
        finally
        {
            if (IpNetnsList().Contains(stale))
                Ip($"netns del {stale}");
        }
    }

    [LiveFact]
    public void It_keeps_namespaces_of_live_processes()
    {
        using var ns = NetworkNamespace.Create();

        Assert.DoesNotContain(ns.Name, NetworkNamespace.RemoveStale());
        Assert.Contains(ns.Name, IpNetnsList());
    }

    [LiveFact]
    public void It_runs_work_on_its_own_loopback()
    {
        using var listener = Loopback.Listen();
        var port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;
        using var ns = NetworkNamespace.Create();

        var inside = ns.Run(() => Loopback.TryConnect(port));
        var sockets = ns.Run(() => SocketTable.Read(port));

        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, inside.Error);
        Assert.Empty(sockets);
        Assert.NotEmpty(SocketTable.Read(port));
    }

    [LiveFact]
    public void It_sets_sysctls_of_its_own_namespace_only()
    {
        var outside = File.ReadAllText("/proc/sys/net/ipv4/tcp_abort_on_overflow").Trim();
        using var ns = NetworkNamespace.Create();

        ns.Sysctl("net.ipv4.tcp_abort_on_overflow", outside == "1" ? "0" : "1");

        Assert.NotEqual(outside, ns.ReadSysctl("net.ipv4.tcp_abort_on_overflow"));
        Assert.Equal(outside, File.ReadAllText("/proc/sys/net/ipv4/tcp_abort_on_overflow").Trim());
        Assert.Throws<LabArgumentException>(() => ns.Sysctl("kernel.hostname", "x"));
        Assert.Throws<LabArgumentException>(() => ns.Sysctl("net.ipv4..x", "1"));
    }

    [LiveFact]
    public void It_counts_in_its_own_namespace()
    {
        using var ns = NetworkNamespace.Create();

        var before = ns.Run(CounterSnapshot.Take);
        ns.Run(() => Loopback.TryConnect(Loopback.UnusedPort()));
        var after = ns.Run(CounterSnapshot.Take);

        Assert.Equal(1, before.To(after)["AttemptFails"]);
        Assert.Equal(0, before["AttemptFails"]);
    }

    [LiveFact]
    public void It_refuses_work_after_dispose()
    {
        var ns = NetworkNamespace.Create();
        ns.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ns.Run(() => 1));
    }

    static IReadOnlyList<string> IpNetnsList() =>
        Ip("netns list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    static string Ip(string arguments) => Command.Check("ip", arguments);
}
