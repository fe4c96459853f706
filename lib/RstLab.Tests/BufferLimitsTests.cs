using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class BufferLimitsTests
{
    [Fact]
    public void It_reads_the_limits_from_a_proc_sys_net_folder()
    {
        var limits = BufferLimits.Read(Fixtures.Path("proc-sys-net"));

        Assert.Equal(4194304, limits.WmemMax);
        Assert.Equal(4194304, limits.RmemMax);
        Assert.Equal(new AutotuneRange(4096, 16384, 4194304), limits.TcpWmem);
        Assert.Equal(new AutotuneRange(4096, 131072, 33554432), limits.TcpRmem);
        Assert.Contains("net.ipv4.tcp_wmem = min 4096, initial 16384, max 4194304", limits.ToString());
    }

    [Theory]
    [InlineData("4096 16384")]
    [InlineData("4096 16384 4194304 1")]
    [InlineData("4096 lots 4194304")]
    public void It_refuses_a_range_that_is_not_three_numbers(string text)
    {
        var e = Assert.Throws<FormatException>(() => AutotuneRange.Parse(text));

        Assert.Contains("three numbers", e.Message);
    }

    [Fact]
    public void It_says_which_file_is_missing()
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<PlatformNotSupportedException>(() => BufferLimits.Read(temp.Path));

        Assert.Contains("core/wmem_max", e.Message);
    }

    [Fact]
    public void It_reads_this_machines_limits()
    {
        var limits = BufferLimits.Read();

        Assert.True(limits.WmemMax > 0 && limits.TcpWmem.Min <= limits.TcpWmem.Initial && limits.TcpWmem.Initial <= limits.TcpWmem.Max, limits.ToString());
    }
}
