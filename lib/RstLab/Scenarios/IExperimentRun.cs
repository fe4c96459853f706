namespace RstLab.Scenarios;

/// <summary>One run of an experiment that a notebook steps through cell by cell (<see cref="Experiment"/>, <see cref="RebootedPeer"/>).</summary>
public interface IExperimentRun : IDisposable
{
    /// <summary>The experiment's name (its recording's), e.g. <c>02-abort</c>.</summary>
    string Name { get; }

    /// <summary>True once the same experiment was started again: this run is over for good.</summary>
    bool IsSuperseded { get; }

    /// <summary>Why the experiment cannot run live here and what to do; null when it runs live.</summary>
    string? WhyNotLive { get; }
}
