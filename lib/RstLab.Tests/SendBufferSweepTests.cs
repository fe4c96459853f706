using RstLab.Kernel;
using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class SendBufferSweepTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-4096)]
    public void It_refuses_a_buffer_size_that_is_not_positive(int size)
    {
        var e = Assert.Throws<LabArgumentException>(() => SendBufferSweep.Fill(sendBuffer: size));

        Assert.Equal("sendBuffer", e.ParamName);
        Assert.Contains("positive number of bytes", e.Message);
    }

    [Fact]
    public void It_refuses_a_send_buffer_above_wmem_max_instead_of_letting_the_kernel_clamp_it()
    {
        var max = BufferLimits.Read().WmemMax;

        var e = Assert.Throws<LabArgumentException>(() => SendBufferSweep.Fill(sendBuffer: (int)max + 1));

        Assert.Contains($"above net.core.wmem_max ({max})", e.Message);
        Assert.Contains("silently", e.Message);
    }

    [Fact]
    public void It_refuses_a_receive_buffer_above_rmem_max()
    {
        var max = BufferLimits.Read().RmemMax;

        var e = Assert.Throws<LabArgumentException>(() => SendBufferSweep.Fill(receiveBuffer: (int)max + 1));

        Assert.Equal("receiveBuffer", e.ParamName);
        Assert.Contains("net.core.rmem_max", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SendBufferSweep.MaxChunk + 1)]
    [InlineData(int.MaxValue)]
    public void It_refuses_absurd_chunks(int chunk)
    {
        var e = Assert.Throws<LabArgumentException>(() => SendBufferSweep.Fill(chunk: chunk));

        Assert.Contains("chunk must be 1–1048576", e.Message);
    }

    [Fact]
    public void It_checks_every_size_of_a_sweep_before_measuring_any()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = Assert.Throws<LabArgumentException>(() => SendBufferSweep.OverSendBuffer([4096, 65536, 0]));

        Assert.Contains("got 0", e.Message);
        Assert.True(clock.Elapsed < SendBufferSweep.Quiet, "a measurement ran before the bad size was noticed");
    }

    [Fact]
    public void It_wants_at_least_one_size() =>
        Assert.Throws<LabArgumentException>(() => SendBufferSweep.OverReceiveBuffer([]));
}

/// <summary>Real measurements on 127.0.0.1 (no privileges needed); alone, so other tests' traffic does not disturb them.</summary>
[Collection("live")]
public sealed class LiveSendBufferSweepTests
{
    [Fact]
    public void It_measures_until_the_kernel_accepts_nothing_more_and_every_byte_is_in_one_of_two_queues()
    {
        var fill = SendBufferSweep.Fill(sendBuffer: 65536);

        Assert.Equal(131072, fill.EffectiveSend);
        Assert.True(fill.Writes > 1 && fill.WouldBlock >= 1, $"{fill.Writes} writes, {fill.WouldBlock} EAGAIN");
        Assert.All(fill.Cumulative.Zip(fill.Cumulative.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 1, SendBufferSweep.ArticleChunk));
        Assert.Equal(fill.Accepted, fill.Calls[^1]);
        Assert.Equal(fill.Accepted, fill.SendQueue + fill.ReceiveQueue);
        Assert.Equal(TcpState.Established, fill.Client?.State);
        Assert.Equal(TcpState.Established, fill.Server?.State);
    }

    [Fact]
    public void It_accepts_more_with_a_bigger_send_buffer_and_doubles_each_request()
    {
        var sweep = SendBufferSweep.OverSendBuffer([16384, 262144]);

        Assert.Equal([32768, 524288], sweep.Select(f => f.EffectiveSend));
        Assert.True(sweep[1].Accepted > sweep[0].Accepted, string.Join(", ", sweep));
        Assert.All(sweep, f => Assert.Null(f.RequestedReceive));
    }

    [Fact]
    public void It_sets_the_peers_receive_buffer_before_listening_so_its_queue_grows_with_it()
    {
        var sweep = SendBufferSweep.OverReceiveBuffer([4096, 262144], sendBuffer: 262144);

        Assert.Equal([8192, 524288], sweep.Select(f => f.EffectiveReceive));
        Assert.True(sweep[1].ReceiveQueue > sweep[0].ReceiveQueue, string.Join(", ", sweep));
    }

    [Fact]
    public void It_lets_autotuning_grow_an_unset_send_buffer()
    {
        var limits = BufferLimits.Read();

        var fill = SendBufferSweep.Fill();

        Assert.Null(fill.RequestedSend);
        Assert.InRange(fill.EffectiveSendAfter, limits.TcpWmem.Initial + 1, limits.TcpWmem.Max);
        Assert.Contains("unset", fill.Label);
    }
}
