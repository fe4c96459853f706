using System.Net;
using System.Text.RegularExpressions;
using RstLab.Charts;
using RstLab.Kernel;
using RstLab.Notebooks;
using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class SendBufferChartsTests
{
    internal static SendBufferFill Fill(int? send, int? receive, long sendQ, long recvQ)
    {
        var accepted = sendQ + recvQ;
        var cumulative = Enumerable.Range(1, (int)(accepted / 5000)).Select(i => i * 5000L).Append(accepted).Distinct().ToList();
        var endpoint = new IPEndPoint(IPAddress.Loopback, 40000);
        return new SendBufferFill(5000, send, receive, 2 * (send ?? 8192), 2 * (send ?? 8192), 2 * (receive ?? 65536), cumulative, [.. cumulative, accepted, accepted],
            new SocketEntry(endpoint, endpoint, TcpState.Established, sendQ, 0), new SocketEntry(endpoint, endpoint, TcpState.Established, 0, recvQ), TimeSpan.FromMilliseconds(200));
    }

    static readonly IReadOnlyList<SendBufferFill> BySend = [Fill(4096, null, 53760, 98760), Fill(65536, null, 161280, 93760)];

    [Fact]
    public void It_draws_one_line_per_measurement_plus_the_articles_run_offline()
    {
        var html = Formatters.Chart(SendBufferCharts.PerWrite(BySend));

        Assert.Equal(3, Regex.Count(html, "\"type\":\"scatter\",\"name\""));
        Assert.Contains("the article (macOS", html);
        Assert.Contains("\"symbol\":\"x\"", html);
        Assert.Contains("then EAGAIN", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void It_plots_the_sweep_against_the_requested_size_on_log_axes()
    {
        var html = Formatters.Chart(SendBufferCharts.AgainstSendBuffer(BySend, Fill(null, null, 4139520, 93760)));

        Assert.Equal(5, Regex.Count(html, "\"type\":\"scatter\",\"name\""));
        Assert.Equal(2, Regex.Count(html, "\"type\":\"log\""));
        Assert.Contains("effective SO_SNDBUF (read back: doubled)", html);
        Assert.Contains("4233280", html);
    }

    [Fact]
    public void It_plots_the_receive_sweep_with_the_fixed_send_buffer_in_the_title()
    {
        var html = Formatters.Chart(SendBufferCharts.AgainstReceiveBuffer([Fill(262144, 4096, 376592, 4096), Fill(262144, 65536, 535690, 93569)]));

        Assert.Contains("client: SO_SNDBUF 262144", html);
        Assert.Equal(4, Regex.Count(html, "\"type\":\"scatter\",\"name\""));
    }

    [Fact]
    public void It_refuses_to_chart_nothing()
    {
        Assert.Throws<LabArgumentException>(() => SendBufferCharts.PerWrite([]));
        Assert.Throws<LabArgumentException>(() => SendBufferCharts.AgainstSendBuffer([]));
    }

    [Fact]
    public void It_wants_a_requested_size_at_every_point_of_a_sweep()
    {
        var e = Assert.Throws<LabArgumentException>(() => SendBufferCharts.AgainstSendBuffer([.. BySend, Fill(null, null, 1, 1)]));

        Assert.Contains("requested SO_SNDBUF", e.Message);
    }
}
