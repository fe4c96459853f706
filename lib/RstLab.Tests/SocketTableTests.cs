using System.Net;
using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class SocketTableTests
{
    [Fact]
    public void It_decodes_ipv4_lines()
    {
        var entries = SocketTable.Parse(Fixtures.Text("proc-net/tcp"));

        Assert.Equal(3, entries.Count);
        Assert.Equal(new SocketEntry(new IPEndPoint(IPAddress.Loopback, 47215), new IPEndPoint(IPAddress.Any, 0), TcpState.Listen, 0, 1), entries[0]);
        Assert.Equal(new SocketEntry(new IPEndPoint(IPAddress.Loopback, 47215), new IPEndPoint(IPAddress.Loopback, 0xA568), TcpState.Established, 0, 5), entries[1]);
        Assert.Equal((TcpState.Established, 0L), (entries[2].State, entries[2].ReceiveQueue));
    }

    [Fact]
    public void It_decodes_ipv6_lines()
    {
        var entries = SocketTable.Parse(Fixtures.Text("proc-net/tcp6"));

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 47216), entries[0].Local);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 0), entries[0].Remote);
        Assert.Equal("[::1]:47216", entries[1].Local.ToString());
        Assert.Equal([TcpState.Listen, TcpState.Established, TcpState.Established], entries.Select(e => e.State));
        Assert.Equal([0L, 3, 0], entries.Select(e => e.ReceiveQueue));
    }

    [Fact]
    public void It_reads_the_time_left_on_a_time_wait_timer()
    {
        // A real TIME-WAIT line: timer 3, 0x175C clock ticks at USER_HZ 100.
        const string text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   1: 0100007F:CB8A 0100007F:B870 06 00000000:00000000 03:0000175C 00000000     0        0 0 3 000000003c914b30\n";

        var entry = Assert.Single(SocketTable.Parse(text));

        Assert.Equal(TcpState.TimeWait, entry.State);
        Assert.Equal(TimeSpan.FromSeconds(59.8), entry.Timer);
        Assert.All(SocketTable.Parse(Fixtures.Text("proc-net/tcp")).Take(2), e => Assert.Null(e.Timer));
    }

    [Theory]
    [InlineData("01", "ESTABLISHED")]
    [InlineData("02", "SYN-SENT")]
    [InlineData("06", "TIME-WAIT")]
    [InlineData("08", "CLOSE-WAIT")]
    [InlineData("0A", "LISTEN")]
    [InlineData("0C", "NEW-SYN-RECV")]
    [InlineData("0D", "CLOSED")]
    public void It_names_states_like_ss(string hex, string name)
    {
        var text = Fixtures.Text("proc-net/tcp").Replace("00000000:0000 0A ", $"00000000:0000 {hex} ");

        Assert.Equal(name, SocketTable.Parse(text)[0].State.ToText());
    }

    [Fact]
    public void It_decodes_send_queue()
    {
        var text = Fixtures.Text("proc-net/tcp").Replace(" 01 00000000:00000005 ", " 01 0000001F:00000005 ");

        Assert.Equal((31L, 5L), (SocketTable.Parse(text)[1].SendQueue, SocketTable.Parse(text)[1].ReceiveQueue));
    }

    [Fact]
    public void It_reads_both_files_and_keeps_the_named_ports()
    {
        var entries = SocketTable.Read(Fixtures.ProcNet, 47216);

        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Contains(47216, new[] { e.Local.Port, e.Remote.Port }));
        Assert.Equal(6, SocketTable.Read(Fixtures.ProcNet, 47215, 47216).Count);
        Assert.Empty(SocketTable.Read(Fixtures.ProcNet, 1));
    }

    [Fact]
    public void It_wants_at_least_one_port() =>
        Assert.Throws<LabArgumentException>(() => SocketTable.Read(Fixtures.ProcNet));

    [Fact]
    public void It_skips_the_header_and_blank_lines() =>
        Assert.Empty(SocketTable.Parse(Fixtures.Text("proc-net/tcp").Split('\n')[0] + "\n\n"));
}
