using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class RouteStatisticsTests
{
    // Two CPUs' lines of /proc/net/stat/rt_cache on kernel 6.18 (2026-11-25), after four forged IPv4 segments for 127.0.0.1 on lo.
    const string RtCache =
        "entries  in_hit   in_slow_tot in_slow_mc in_no_route in_brd   in_martian_dst in_martian_src out_hit  out_slow_tot out_slow_mc gc_total gc_ignored gc_goal_miss gc_dst_overflow in_hlist_search out_hlist_search\n" +
        "00000005 00000000 0000000a    00000000   00000000    00000000 00000001       00000000       00000000 00000086     00000000    00000000 00000000   00000000     00000000        00000000        00000000\n" +
        "00000005 00000000 0000000f    00000000   00000000    00000000 00000003       00000000       00000000 00000080     00000000    00000000 00000000   00000000     00000000        00000000        00000000\n";

    [Fact]
    public void It_sums_a_hex_column_over_cpus()
    {
        Assert.Equal(4, RouteStatistics.Sum(RtCache, "in_martian_dst"));
        Assert.Equal(0x86 + 0x80, RouteStatistics.Sum(RtCache, "out_slow_tot"));
    }

    [Fact]
    public void It_names_a_missing_column()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => RouteStatistics.Sum(RtCache, "in_nonsense"));

        Assert.Contains("in_nonsense", e.Message);
    }
}
