namespace RstLab.Cli.Testing;

/// <summary>How many tests passed, failed and were skipped: <c>./lab test</c>'s closing line.</summary>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Failed">Tests that failed, errored, timed out or were aborted.</param>
/// <param name="Skipped">Tests that did not run (skipped, with a reason the runner printed).</param>
public sealed record TestCounts(int Passed, int Failed, int Skipped)
{
    /// <summary>No test at all.</summary>
    public static readonly TestCounts None = new(0, 0, 0);

    /// <summary>Every test counted.</summary>
    public int Total => Passed + Failed + Skipped;

    /// <summary>The closing line, exactly <c>N passed, N failed, N skipped</c> (CI reads it).</summary>
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
