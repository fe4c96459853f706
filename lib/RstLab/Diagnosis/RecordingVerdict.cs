using RstLab.Capture;

namespace RstLab.Diagnosis;

/// <summary>A recording's diagnosis against its label: the top cause of each reset beside the cause its notebook gives.</summary>
/// <param name="Label">What the notebook says.</param>
/// <param name="Said">The diagnosis's top cause of each reset, in file order.</param>
public sealed record RecordingVerdict(RecordingLabel Label, IReadOnlyList<ResetCause> Said)
{
    /// <summary>True when the diagnosis found as many resets as labelled and named each one's true cause first.</summary>
    public bool Agrees => Said.SequenceEqual(Label.Causes);

    /// <summary>The verdict on every labelled recording in <paramref name="folder"/> (default: <see cref="Recordings.Folder"/>).</summary>
    public static IReadOnlyList<RecordingVerdict> ForEvery(string? folder = null)
    {
        var data = RecordingLabel.Folder(folder);
        return RecordingLabel.All(data).Select(l => new RecordingVerdict(l,
            ResetDiagnoser.Diagnose(Path.Combine(data, l.File)).Select(d => d.Cause).ToList())).ToList();
    }
}
