using System.Net;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using RstLab.Scenarios;
using InteractiveKernel = Microsoft.DotNet.Interactive.Kernel;

namespace RstLab.Notebooks;

/// <summary>Runs a step cell (one that made calls in an experiment an earlier cell started) once per experiment: run again, it shows
/// its first run's output, marked as such, since a socket call cannot be undone; running the cell that starts the experiment starts afresh.</summary>
/// <remarks>The cell's variables keep the first run's values, so the cells below see the same sockets and calls; nothing half-runs.</remarks>
public static class CellReplay
{
    static readonly HashSet<InteractiveKernel> Added = [];
    static readonly Dictionary<string, Journal> Ran = [];

    /// <summary>Adds the replay to every C# cell of <paramref name="kernel"/> (the running kernel by default); does nothing outside a kernel or when already added.</summary>
    public static void Add(InteractiveKernel? kernel = null) =>
        CSharpCells.AddOnce(kernel, Added, _ => async (command, context, next) =>
        {
            if (command is not SubmitCode submit)
            {
                await next(command, context);
                return;
            }
            Journal? earlier;
            lock (Ran) Ran.TryGetValue(submit.Code, out earlier);
            if (earlier is not null && earlier.Experiments.All(e => !e.IsSuperseded))
            {
                context.Publish(Notice(earlier.Experiments, command));
                foreach (var shown in earlier.Outputs)
                    context.Publish(Again(shown, command));
                return;
            }
            var journal = await Run(command, context, next);
            lock (Ran)
                if (journal is null) Ran.Remove(submit.Code);
                else Ran[submit.Code] = journal;
        });

    /// <summary>The sentence a replayed cell shows above its first run's output.</summary>
    public static string Message(IEnumerable<IExperimentRun> experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var names = string.Join(", ", experiments.Select(e => $"'{e.Name}'"));
        return $"Shown again, not run again: this cell already made its socket calls in experiment {names}, and a socket call cannot " +
            "be undone. Below is what that run showed. To run the experiment afresh, run its first cell (the one that calls " +
            "Lab.Start… or RebootedPeer.Start…) and then the cells after it, in order.";
    }

    // Runs the cell, noting what it showed and which experiments started by earlier cells it took steps in; null when it took none or failed.
    static async Task<Journal?> Run(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next)
    {
        var started = new HashSet<IExperimentRun>();
        var stepped = new List<IExperimentRun>();
        var watcher = new Watcher();
        Action<IExperimentRun> onStart = e => { lock (started) started.Add(e); };
        Action<IExperimentRun> onStep = e => { lock (started) if (!stepped.Contains(e)) stepped.Add(e); };
        ExperimentRuns.Started += onStart;
        ExperimentRuns.Stepped += onStep;
        try
        {
            using (context.KernelEvents.Subscribe(watcher))
                await next(command, context);
        }
        finally
        {
            ExperimentRuns.Started -= onStart;
            ExperimentRuns.Stepped -= onStep;
        }
        lock (started)
        {
            // A run this cell started is the cell's own (it runs afresh each time); one it ended by starting anew is history.
            var steps = stepped.Where(e => !started.Contains(e) && !e.IsSuperseded).ToList();
            return steps.Count == 0 || watcher.Failed ? null : new Journal(steps, watcher.Outputs);
        }
    }

    static DisplayedValueProduced Notice(IEnumerable<IExperimentRun> experiments, KernelCommand command)
    {
        var text = Message(experiments);
        return new DisplayedValueProduced(text, command,
        [
            new FormattedValue("text/html", $"<p class=\"rstlab rstlab-replayed\"><b>↻</b> {WebUtility.HtmlEncode(text)}</p>"),
            new FormattedValue("text/plain", "↻ " + text),
        ]);
    }

    static KernelEvent Again(DisplayEvent shown, KernelCommand command) => shown switch
    {
        ReturnValueProduced r => new ReturnValueProduced(r.Value, command, r.FormattedValues),
        StandardOutputValueProduced o => new StandardOutputValueProduced(command, o.FormattedValues),
        StandardErrorValueProduced e => new StandardErrorValueProduced(command, e.FormattedValues),
        _ => new DisplayedValueProduced(shown.Value, command, shown.FormattedValues),
    };

    /// <summary>What a step cell's first run showed, and the experiments it took steps in.</summary>
    sealed record Journal(IReadOnlyList<IExperimentRun> Experiments, IReadOnlyList<DisplayEvent> Outputs);

    // Collects what the running cell shows, and whether it failed.
    sealed class Watcher : IObserver<KernelEvent>
    {
        readonly List<DisplayEvent> _outputs = [];

        public IReadOnlyList<DisplayEvent> Outputs
        {
            get { lock (_outputs) return [.. _outputs]; }
        }

        public bool Failed { get; private set; }

        public void OnNext(KernelEvent value)
        {
            if (value is CommandFailed)
                Failed = true;
            else if (value is DisplayEvent shown and not DisplayedValueUpdated)
                lock (_outputs) _outputs.Add(shown);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) => Failed = true;
    }
}
