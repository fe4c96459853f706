namespace RstLab.Diagnosis;

/// <summary>One possible cause of a reset and how likely it is, given the signs.</summary>
/// <param name="Cause">The cause.</param>
/// <param name="Confidence">From 0 to 1; a reset's candidates add up to 1.</param>
public sealed record CauseCandidate(ResetCause Cause, double Confidence)
{
    /// <summary>E.g. "AbortiveClose 80%".</summary>
    public override string ToString() => $"{Cause} {Confidence * 100:0}%";
}
