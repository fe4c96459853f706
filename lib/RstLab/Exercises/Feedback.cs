namespace RstLab.Exercises;

/// <summary>What a learner sees after running an exercise cell: not yet with a hint, right with why, or why it could not be checked here.</summary>
/// <param name="Exercise">The exercise.</param>
/// <param name="Verdict">Not yet, right, or not checkable here.</param>
/// <param name="Message">The hint, the explanation, or the reason.</param>
public sealed record Feedback(Exercise Exercise, Verdict Verdict, string Message)
{
    /// <summary>The learner's answer as written, or null when none was written.</summary>
    public string? Answer { get; init; }

    /// <summary>What the run or the recording showed, when it may be shown (with a right answer).</summary>
    public string? Observed { get; init; }

    /// <summary>The headline: <c>Exercise 01.1: right.</c>, <c>... not yet.</c> or <c>... not checked here.</c></summary>
    public string Headline => $"Exercise {Exercise.Id}: " + Verdict switch
    {
        Verdict.Right => "right.",
        Verdict.NotYet => "not yet.",
        _ => "not checked here.",
    };

    /// <summary>The headline and the message, on two lines.</summary>
    public override string ToString() => $"{Headline}\n{Message}";
}
