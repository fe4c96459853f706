using RstLab.Kernel;

namespace RstLab.Tests;

public sealed class SignalDispositionTests
{
    const string Status = "Name:\tpython3\nSigPnd:\t0000000000000000\nSigBlk:\t0000000000000000\nSigIgn:\t0000000001001000\nSigCgt:\t0000000000000002\n";

    [Theory]
    [InlineData(13, true)]     // bit 12: SIGPIPE
    [InlineData(25, true)]     // bit 24: SIGXFSZ
    [InlineData(2, false)]     // SIGINT is caught (SigCgt), not ignored
    [InlineData(15, false)]
    public void It_reads_the_ignored_mask_bit_n_minus_1_for_signal_n(int signal, bool ignored) =>
        Assert.Equal(ignored, SignalDisposition.Ignores(signal, Status));

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void It_refuses_signal_numbers_linux_does_not_have(int signal)
    {
        var e = Assert.Throws<LabArgumentException>(() => SignalDisposition.Ignores(signal, Status));

        Assert.Contains("signal must be 1–64", e.Message);
    }

    [Fact]
    public void It_says_when_the_status_has_no_mask() =>
        Assert.Throws<FormatException>(() => SignalDisposition.Ignores(13, "Name:\tx\n"));

    [Fact]
    public void It_sees_that_dotnet_ignores_sigpipe_in_its_own_process() =>
        Assert.True(SignalDisposition.Ignores(SignalDisposition.SigPipe));
}
