using System.Globalization;

namespace RstLab.Cli.Course;

/// <summary>One notebook of a course run: the data behind both the summary table and <c>out/index.html</c>.</summary>
/// <param name="Notebook">Its name, e.g. <c>01-no-listener</c>.</param>
/// <param name="Title">The question in its first heading.</param>
/// <param name="Outcome">How its run ended.</param>
/// <param name="Checks">What its check cell reported, or null when it never got there.</param>
/// <param name="Time">Its run, kernel start included.</param>
/// <param name="Page">Its exported page exists (<c>NAME.html</c>).</param>
/// <param name="Screenshot">A screenshot of its page's top exists (<c>NAME.png</c>).</param>
public sealed record CourseRow(string Notebook, string Title, NotebookOutcome Outcome, CheckSummary? Checks, TimeSpan Time, bool Page, bool Screenshot)
{
    /// <summary>The outcome of a run that exited with <paramref name="exit"/>: passed only when it exited 0 and every claim (at least one) held.</summary>
    public static NotebookOutcome OutcomeOf(ChildExit exit, CheckSummary? checks) =>
        exit.TimedOut ? NotebookOutcome.TimedOut
        : exit.Code == 0 && checks is { Failed: 0, Total: > 0 } ? NotebookOutcome.Passed
        : NotebookOutcome.Failed;

    /// <summary>The result column: <c>ok</c>, <c>FAILED</c>, <c>timeout</c> or <c>not run</c>.</summary>
    public string Result => Outcome switch
    {
        NotebookOutcome.Passed => "ok",
        NotebookOutcome.TimedOut => "timeout",
        NotebookOutcome.NotRun => "not run",
        _ => "FAILED",
    };

    /// <summary>The check result as the index page says it, e.g. <c>✓ 9 of 9 claims hold</c>.</summary>
    public string Verdict => Outcome switch
    {
        NotebookOutcome.Passed => $"✓ {Checks!.Passed} of {Checks.Total} claims hold",
        NotebookOutcome.TimedOut => "timed out",
        NotebookOutcome.NotRun => "not run",
        _ when Checks is { Total: > 0 } => $"✗ failed: {Checks.Passed} of {Checks.Total} claims hold",
        _ => "✗ failed before its check cell",
    };

    /// <summary>Claims that held of those checked, e.g. <c>9/9</c>; <c>0/0</c> when the check cell did not run.</summary>
    public string ChecksText => $"{Checks?.Passed ?? 0}/{Checks?.Total ?? 0}";

    /// <summary>A fact the check cell reported, or <c>-</c>.</summary>
    public string Fact(string name) => Checks?.Facts.GetValueOrDefault(name) ?? "-";

    /// <summary>The run time in whole seconds, e.g. <c>12 s</c>.</summary>
    public string Seconds => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(Time.TotalSeconds):0} s");
}
