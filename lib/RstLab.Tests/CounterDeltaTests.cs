using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class CounterDeltaTests
{
    static readonly string Snmp = Fixtures.Text("proc-net/snmp"), Netstat = Fixtures.Text("proc-net/netstat");

    static CounterDelta Delta(params (string Group, string Name, long By)[] bumps)
    {
        var before = CounterSnapshot.Parse(Snmp, Netstat);
        var after = CounterSnapshot.Parse(bumps.Aggregate(Snmp + Netstat, (text, b) => Bump(text, b.Group, b.Name, b.By)));
        return before.To(after);
    }

    [Fact]
    public void It_subtracts_before_from_after()
    {
        var delta = Delta(("Tcp", "OutRsts", 3), ("TcpExt", "EmbryonicRsts", 2));

        Assert.Equal(3, delta["OutRsts"]);
        Assert.Equal(2, delta["TcpExt.EmbryonicRsts"]);
        Assert.Equal(0, delta["AttemptFails"]);
        Assert.Equal(103, delta.After["OutRsts"]);
        Assert.Equal(100, delta.Before["OutRsts"]);
    }

    [Fact]
    public void It_lists_only_counters_that_moved_rst_related_first()
    {
        var delta = Delta(("Tcp", "InSegs", 7), ("Tcp", "OutRsts", 1), ("TcpExt", "ListenOverflows", 4));

        Assert.Equal(["Tcp.OutRsts", "TcpExt.ListenOverflows", "Tcp.InSegs"], delta.Changes.Select(c => c.Name));
        Assert.Equal(new CounterChange("Tcp.OutRsts", 100, 101, CounterCatalog.Explain("Tcp.OutRsts")), delta.Changes[0]);
        Assert.Equal(4, delta.Changes[1].Delta);
        Assert.Null(delta.Changes[2].Explanation);
        Assert.Equal(["Tcp.OutRsts", "TcpExt.ListenOverflows"], delta.RstRelated.Select(c => c.Name));
    }

    [Fact]
    public void It_finds_no_changes_between_equal_snapshots() => Assert.Empty(Delta().Changes);

    [Fact]
    public void It_refuses_ambiguous_names_too() =>
        Assert.Throws<KeyNotFoundException>(() => Delta()["InCsumErrors"]);

    static string Bump(string text, string group, string name, long by)
    {
        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith(group + ": ", StringComparison.Ordinal));
        var names = lines[header].Split(' ');
        var values = lines[header + 1].Split(' ');
        var i = Array.IndexOf(names, name);
        values[i] = (long.Parse(values[i]) + by).ToString();
        lines[header + 1] = string.Join(' ', values);
        return string.Join('\n', lines);
    }
}
