using System.Diagnostics;
using RstLab.Namespaces;

namespace RstLab.Tests;

public sealed class LeftoversTests
{
    [Fact]
    public void It_says_nothing_when_nothing_was_left()
    {
        var nothing = new Leftovers([], [], [], []);

        Assert.True(nothing.IsEmpty);
        Assert.Equal("", nothing.ToString());
    }

    [Fact]
    public void It_says_what_it_removed_and_whose()
    {
        var one = new Leftovers(["rstlab-1234-1", "rstlab-1234-2"], [], ["/tmp/a", "/tmp/b", "/tmp/c"], [1234]);
        var two = new Leftovers(["rstlab-1234-1"], [99], [], [1234, 5678]);

        Assert.Equal("Removed 2 network namespaces and 3 runtime temp files left by a process that was killed (PID 1234).", one.ToString());
        Assert.Equal("Removed 1 network namespace and 1 child process left by processes that were killed (PIDs 1234, 5678).", two.ToString());
    }

    [Fact]
    public void It_marks_a_child_with_this_process_and_its_start_time()
    {
        var start = Leftovers.Mark(new ProcessStartInfo("true"));

        Assert.Matches($@"^{Environment.ProcessId}:\d+$", start.Environment[Leftovers.KernelVariable]);
    }
}

/// <summary>The cleanup itself, on things a dead process left: real namespaces, a real orphan, real files.</summary>
[Collection("live")]
public sealed class LiveLeftoversTests
{
    [LiveFact]
    public void It_removes_what_a_dead_process_left_and_nothing_of_a_live_one()
    {
        var alive = NetworkNamespace.Create();   // first: creating a namespace removes stale ones too
        var dead = DeadPid();
        var temp = Path.GetTempPath();
        Command.Check("ip", $"netns add {NetworkNamespace.Prefix}{dead}-1");
        var pipe = Path.Combine(temp, $"clr-debug-pipe-{dead}-1-in");
        File.WriteAllText(pipe, "");
        File.WriteAllText(Path.Combine(temp, $"rstlab-kernel-{dead}"), $"{dead}:1");
        var orphanStart = new ProcessStartInfo("sleep", "30");
        orphanStart.Environment[Leftovers.KernelVariable] = $"{dead}:1";
        using var orphan = Process.Start(orphanStart)!;
        using var child = Process.Start(Leftovers.Mark(new ProcessStartInfo("sleep", "30")))!;   // its kernel (this process) is alive
        using (alive)
        try
        {
            var removed = Leftovers.Clean();

            Assert.Contains($"{NetworkNamespace.Prefix}{dead}-1", removed.Namespaces);
            Assert.DoesNotContain($"{NetworkNamespace.Prefix}{dead}-1", NetworkNamespace.List());
            Assert.True(orphan.WaitForExit(5000), "the orphan of a dead kernel is still running");
            Assert.Contains(orphan.Id, removed.Processes);
            Assert.Contains(pipe, removed.TempFiles);
            Assert.False(File.Exists(pipe));
            Assert.Contains(dead, removed.Pids);
            Assert.Matches($@"left by .*\b{dead}\b", removed.ToString());
            // What belongs to a live process stays.
            Assert.Contains(alive.Name, NetworkNamespace.List());
            Assert.False(child.HasExited);
        }
        finally
        {
            if (!orphan.HasExited) orphan.Kill();
            child.Kill();
            File.Delete(pipe);
            File.Delete(Path.Combine(temp, $"rstlab-kernel-{dead}"));
            if (NetworkNamespace.List().Contains($"{NetworkNamespace.Prefix}{dead}-1"))
                Command.Run("ip", $"netns del {NetworkNamespace.Prefix}{dead}-1");
        }
    }

    /// <summary>The PID of a process that has just ended.</summary>
    static int DeadPid()
    {
        using var ended = Process.Start("true")!;
        ended.WaitForExit();
        return ended.Id;
    }
}
