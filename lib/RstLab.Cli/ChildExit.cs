namespace RstLab.Cli;

/// <summary>How a child program ended.</summary>
/// <param name="Code">Its exit status (meaningless when <paramref name="TimedOut"/>).</param>
/// <param name="TimedOut">True when it outlived its deadline and was ended with its whole tree.</param>
/// <param name="Elapsed">From start to end.</param>
public sealed record ChildExit(int Code, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>True when it ran to the end and exited 0.</summary>
    public bool Succeeded => !TimedOut && Code == 0;
}
