namespace RstLab.Cli.Testing;

/// <summary>One test of a TRX file.</summary>
/// <param name="Name">Its full name, e.g. <c>RstLab.Tests.ChecksTests.It_fails_when_no_claim_was_checked</c>.</param>
/// <param name="Outcome">The runner's word for it: <c>Passed</c>, <c>Failed</c>, <c>NotExecuted</c> (skipped), ...</param>
/// <param name="Duration">How long it ran.</param>
/// <param name="Printed">What it wrote to standard output, line by line (a benchmark's figures).</param>
/// <param name="Error">Its failure message, or empty.</param>
public sealed record TestResult(string Name, string Outcome, TimeSpan Duration, IReadOnlyList<string> Printed, string Error)
{
    /// <summary>True for a test that passed.</summary>
    public bool Passed => Outcome == "Passed";

    /// <summary>True for a test the runner did not execute: xunit's skipped tests are <c>NotExecuted</c> results.</summary>
    public bool Skipped => Outcome == "NotExecuted";

    /// <summary>True for every other outcome: failed, error, timeout, aborted, inconclusive.</summary>
    public bool Failed => !Passed && !Skipped;
}
