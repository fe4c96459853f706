namespace RstLab.Scenarios;

/// <summary>Tells a notebook when an experiment run starts and each step it takes (a call, a socket, a crash, its end), and which
/// run of a name is the latest: so a cell that took steps in a run an earlier cell started can show its first run again instead of
/// repeating socket calls, which cannot be undone.</summary>
public static class ExperimentRuns
{
    static readonly Dictionary<string, int> Latest = [];   // how many runs of each name started: the last one is current
    static readonly Dictionary<string, IExperimentRun> Current = [];

    /// <summary>Raised when a run starts, before its first step.</summary>
    public static event Action<IExperimentRun>? Started;

    /// <summary>Raised at each step a run takes.</summary>
    public static event Action<IExperimentRun>? Stepped;

    /// <summary>Makes <paramref name="run"/> the latest of its name, ends the previous one (a cell run again starts the same experiment
    /// again: the previous run's sockets, capture and namespaces go first) and tells the notebook; returns its number among the runs of that name.</summary>
    internal static int Start(IExperimentRun run)
    {
        int number;
        IExperimentRun? previous;
        lock (Latest)
        {
            number = Latest[run.Name] = Latest.GetValueOrDefault(run.Name) + 1;
            Current.Remove(run.Name, out previous);
            Current[run.Name] = run;
        }
        previous?.Dispose();
        Started?.Invoke(run);
        return number;
    }

    /// <summary>Tells the notebook that <paramref name="run"/> took a step.</summary>
    internal static void Step(IExperimentRun run) => Stepped?.Invoke(run);

    /// <summary>True when a run of <paramref name="name"/> started after run number <paramref name="number"/>.</summary>
    internal static bool IsSuperseded(string name, int number)
    {
        lock (Latest)
            return Latest.GetValueOrDefault(name) != number;
    }
}
