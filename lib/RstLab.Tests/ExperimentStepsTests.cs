using System.Net;
using RstLab.Notebooks;
using RstLab.Scenarios;

namespace RstLab.Tests;

/// <summary>What lets a notebook show a step cell's first run again instead of repeating socket calls: an experiment says when it
/// starts, when it takes a step, and when a later start of the same name has made it history.</summary>
[Collection("live")]
public sealed class ExperimentStepsTests
{
    [Fact]
    public void It_is_superseded_once_the_same_experiment_starts_again_even_after_it_ended()
    {
        var first = Lab.Start("zz-steps-superseded", Lab.UnusedPort());
        Assert.False(first.IsSuperseded);
        first.Dispose();
        Assert.False(first.IsSuperseded);   // ended, but still the latest run: its cells are still its cells
        using var second = Lab.Start("zz-steps-superseded", Lab.UnusedPort());
        Assert.True(first.IsSuperseded);
        Assert.False(second.IsSuperseded);
    }

    [Fact]
    public void It_ends_the_previous_run_of_the_same_name_when_a_new_one_starts()
    {
        var first = Lab.Start("zz-steps-replaced", Lab.UnusedPort());
        var socket = first.NewSocket();
        using var second = Lab.Start("zz-steps-replaced", Lab.UnusedPort());
        Assert.Throws<ObjectDisposedException>(() => socket.Available);   // the first run's sockets went with it
        Assert.NotNull(first.Counters);                                   // and it read its counters: it ended
        var reboot = RebootedPeer.NotRun("zz-steps-reboot", "not here");
        using var again = RebootedPeer.NotRun("zz-steps-reboot", "not here");
        Assert.True(reboot.IsSuperseded);
        Assert.False(again.IsSuperseded);
    }

    [Fact]
    public void It_tells_when_it_starts_and_each_step_it_takes()
    {
        var started = new List<IExperimentRun>();
        var steps = new List<IExperimentRun>();
        Action<IExperimentRun> onStart = started.Add, onStep = steps.Add;
        ExperimentRuns.Started += onStart;
        ExperimentRuns.Stepped += onStep;
        try
        {
            var x = Lab.Start("zz-steps-told", Lab.UnusedPort());
            Assert.Equal([x], started.Where(e => e.Name == x.Name).Cast<Experiment>());
            Assert.DoesNotContain(x, steps);
            var listener = x.NewSocket();                                         // a socket: a step
            x.Server.Do(() => listener.Bind(new IPEndPoint(IPAddress.Loopback, x.Port)));   // a call: a step
            x.Sockets();                                                          // a live read: a step
            x.Dispose();                                                          // its end: a step
            Assert.Equal(4, steps.Count(e => e == x));
            x.Sockets();                                                          // the table as it ended: no step
            Assert.Equal(4, steps.Count(e => e == x));
        }
        finally
        {
            ExperimentRuns.Started -= onStart;
            ExperimentRuns.Stepped -= onStep;
        }
    }

    [Fact]
    public void It_says_what_a_replayed_cell_is_and_which_cell_starts_afresh()
    {
        using var x = Lab.Start("zz-steps-message", Lab.UnusedPort());
        var message = CellReplay.Message([x]);
        Assert.StartsWith("Shown again, not run again", message);
        Assert.Contains("'zz-steps-message'", message);
        Assert.Contains("run its first cell (the one that calls Lab.Start", message);
    }
}
