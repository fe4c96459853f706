using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class CounterSnapshotTests
{
    static CounterSnapshot Fixture() =>
        CounterSnapshot.Parse(Fixtures.Text("proc-net/snmp"), Fixtures.Text("proc-net/netstat"));

    [Fact]
    public void It_keys_every_counter_by_group_and_name()
    {
        var snapshot = Fixture();

        Assert.Equal(100, snapshot.Values["Tcp.OutRsts"]);
        Assert.Equal(71, snapshot.Values["Tcp.AttemptFails"]);
        Assert.Equal(16, snapshot.Values["TcpExt.TCPAbortOnData"]);
        Assert.Equal(453796008, snapshot.Values["IpExt.InOctets"]);
        Assert.Equal(83 + 229, snapshot.Values.Count);
    }

    [Fact]
    public void It_keeps_negative_values() => Assert.Equal(-1, Fixture()["Tcp.MaxConn"]);

    [Theory]
    [InlineData("OutRsts", 100)]
    [InlineData("Tcp.OutRsts", 100)]
    [InlineData("TW", 12)]
    [InlineData("EstabResets", 4)]
    public void It_looks_counters_up_by_short_or_full_name(string name, long value) =>
        Assert.Equal(value, Fixture()[name]);

    [Fact]
    public void It_refuses_an_ambiguous_short_name_and_lists_the_candidates()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Fixture()["InErrors"]);

        Assert.Contains("'InErrors' is ambiguous", e.Message);
        Assert.Contains("Icmp.InErrors", e.Message);
        Assert.Contains("Udp.InErrors", e.Message);
        Assert.Contains("Use the full name", e.Message);
    }

    [Fact]
    public void It_names_the_rst_counters_when_a_name_is_unknown()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Fixture()["OutResets"]);

        Assert.Contains("no counter named 'OutResets'", e.Message);
        Assert.Contains("Tcp.OutRsts", e.Message);
    }

    [Fact]
    public void It_reads_snmp_and_netstat_from_a_folder()
    {
        var snapshot = CounterSnapshot.Take(Fixtures.ProcNet);

        Assert.Equal(Fixture().Values, snapshot.Values);
    }

    [Fact]
    public void It_says_counters_need_linux_when_snmp_is_missing()
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<PlatformNotSupportedException>(() => CounterSnapshot.Take(temp.Path));
        Assert.Contains(Path.Combine(temp.Path, "snmp"), e.Message);
    }

    [Fact]
    public void It_rejects_lines_that_do_not_pair_up()
    {
        var e = Assert.Throws<FormatException>(() => CounterSnapshot.Parse("Tcp: OutRsts InSegs\nTcp: 1"));
        Assert.Contains("Tcp: OutRsts InSegs", e.Message);
    }

    [Fact]
    public void It_reads_this_machines_counters()
    {
        var names = CounterSnapshot.Take().Values.Keys;

        Assert.Contains("Tcp.OutRsts", names);
        Assert.Contains("TcpExt.ListenOverflows", names);
    }
}
