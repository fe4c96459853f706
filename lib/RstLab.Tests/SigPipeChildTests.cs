using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class SigPipeChildTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void It_wants_1_to_100_writes(int writes) =>
        Assert.Throws<LabArgumentException>(() => SigPipeChild.Run(writes: writes));

    [Theory]
    [InlineData(-5000)]
    [InlineData(SendBufferSweep.MaxChunk + 1)]
    public void It_refuses_absurd_chunks(int chunk) =>
        Assert.Throws<LabArgumentException>(() => SigPipeChild.Run(chunk: chunk));

    [Fact]
    public void It_says_when_the_interpreter_is_missing()
    {
        var e = Assert.Throws<LabArgumentException>(() => SigPipeChild.Run(python: "/nonexistent/python3"));

        Assert.Contains("No Python interpreter at '/nonexistent/python3'", e.Message);
    }

    /// <summary>A child whose parent is not the kernel (here a shell in between; after a kill, init) stops before it does anything.</summary>
    [Fact]
    public void It_stops_a_child_whose_parent_is_not_the_kernel_that_started_it()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempFolder();
        var python = Path.Combine(folder.Path, "python3");
        File.WriteAllText(python, "#!/bin/sh\npython3 \"$@\"\n");   // no exec: the shell stays the child's parent
        File.SetUnixFileMode(python, (UnixFileMode)0x1ED);

        var e = Assert.Throws<InvalidOperationException>(() => SigPipeChild.Run(python: python));

        Assert.Contains("the kernel that started this child is gone", e.Message);
    }

    [Fact]
    public void It_tells_a_sigpipe_death_from_an_exit_of_its_own()
    {
        var killed = new SigPipeRun("python3", false, ["write #1: ok, total 5000"], 141, "");
        var traceback = killed with { Error = "Traceback (most recent call last): ..." };
        var ignored = new SigPipeRun("python3", true, ["write #1: ok, total 5000", "write #2: EPIPE (32)"], 0, "");

        Assert.True(killed.KilledBySigPipe);
        Assert.Equal("killed by SIGPIPE (signal 13) at write #2: exit status 141 = 128 + 13", killed.Ending);
        Assert.False(traceback.KilledBySigPipe);
        Assert.False(ignored.KilledBySigPipe);
        Assert.Equal((1, "EPIPE"), (ignored.WritesOk, ignored.FailedWith));
        Assert.Null(killed.FailedWith);
    }
}

/// <summary>The child really runs (python3 on loopback); alone, so its timing is not disturbed.</summary>
[Collection("live")]
public sealed class LiveSigPipeChildTests
{
    [Fact]
    public void It_shows_sigpipe_killing_a_process_at_its_default_action()
    {
        var run = SigPipeChild.Run();

        Assert.False(run.IgnoredSigPipe);
        Assert.True(run.KilledBySigPipe, run.ToString());
        Assert.Equal(1, run.WritesOk);
        Assert.Equal(["write #1: ok, total 5000"], run.Lines);
    }

    [Fact]
    public void It_shows_the_same_write_returning_epipe_when_sigpipe_is_ignored()
    {
        var run = SigPipeChild.Run(ignoreSigPipe: true, writes: 4);

        Assert.True(run.IgnoredSigPipe);
        Assert.Equal((0, 1, "EPIPE"), (run.ExitStatus, run.WritesOk, run.FailedWith));
        Assert.Equal("write #2: EPIPE (32)", run.Lines[^1]);
    }
}
