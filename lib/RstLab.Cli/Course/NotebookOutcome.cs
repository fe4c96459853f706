namespace RstLab.Cli.Course;

/// <summary>How one notebook's headless run ended.</summary>
public enum NotebookOutcome
{
    /// <summary>Every cell ran and every claim of its check cell held.</summary>
    Passed,
    /// <summary>A cell failed, or a claim did not hold, or no claim was checked.</summary>
    Failed,
    /// <summary>The run outlived its deadline and was ended.</summary>
    TimedOut,
    /// <summary>Not run (a run that stopped before it).</summary>
    NotRun,
}
