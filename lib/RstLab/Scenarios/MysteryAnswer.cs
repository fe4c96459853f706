using RstLab.Diagnosis;

namespace RstLab.Scenarios;

/// <summary>One mystery revealed: what the notebook did, what the diagnosis said, and the learner's guess.</summary>
/// <param name="Number">The mystery's number, from 1.</param>
/// <param name="Truth">What the notebook did, and its cause.</param>
/// <param name="Diagnoses">The diagnosis of each of its resets.</param>
/// <param name="Guess">The learner's guess, or null when none was written.</param>
public sealed record MysteryAnswer(int Number, MysterySuspect Truth, IReadOnlyList<ResetDiagnosis> Diagnoses, ResetCause? Guess)
{
    /// <summary>True when the diagnosis named the true cause first for each reset.</summary>
    public bool DiagnosisRight => Diagnoses.Count > 0 && Diagnoses.All(d => d.Cause == Truth.Cause);

    /// <summary>A word on the guess: none, right, or wrong with the sign that tells the two apart.</summary>
    public string Feedback => Guess switch
    {
        null => "No guess written: set guesses in the cell above, then run this one again.",
        var g when g == Truth.Cause => $"Right: {Truth.Cause}.",
        var g => $"Not {g}: it was {Truth.Cause}. " + (Diagnoses.FirstOrDefault() is { } d ? $"The sign: {d.Explanation}" : ""),
    };
}
