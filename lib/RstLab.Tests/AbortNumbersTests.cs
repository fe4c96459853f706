using RstLab.Packets;

namespace RstLab.Tests;

public sealed class AbortNumbersTests
{
    [Fact]
    public void It_works_out_snd_nxt_and_rcv_nxt_of_a_linger_0_abort()
    {
        var numbers = AbortNumbers.Of("SO_LINGER {on, 0}", Fixtures.Table("abort.pcap"));

        Assert.Equal(6, numbers.Rst.Number);
        Assert.Equal("R.", numbers.Rst.Flags.ToText());
        Assert.Equal((1L, 6L), (numbers.SendNext, numbers.ReceiveNext));
        Assert.True(numbers.SeqIsSendNext);
        Assert.True(numbers.AckIsReceiveNext);
    }

    [Fact]
    public void It_says_when_the_rst_is_not_the_sender_s_state()
    {
        var rst = Fixtures.Table("abort.pcap").Rsts.Single();

        var numbers = new AbortNumbers("abort", rst, SendNext: 2, ReceiveNext: 1);

        Assert.False(numbers.SeqIsSendNext);
        Assert.False(numbers.AckIsReceiveNext);
    }

    [Fact]
    public void It_refuses_a_capture_without_a_rst()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AbortNumbers.Of("graceful", Fixtures.Table("graceful.pcap")));

        Assert.StartsWith("graceful: the capture has no RST.", e.Message);
    }

    [Fact]
    public void It_refuses_a_rst_that_answers_a_syn()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AbortNumbers.Of("refused", Fixtures.Table("refused.pcap")));

        Assert.Contains("both sides must have sent segments before the RST", e.Message);
    }
}
