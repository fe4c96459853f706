using RstLab.Diagnosis;
using RstLab.Sockets;

namespace RstLab.Exercises;

/// <summary>A diagnosis of a recording in typed form: which condition, which side sent the RST, the client's errno, and why these seq/ack.</summary>
/// <param name="Cause">The condition that made the reset.</param>
/// <param name="ResetBy">The side whose kernel sent it.</param>
/// <param name="ClientErrno">What the client's next call failed with.</param>
/// <param name="Numbers">Where the reset's seq and ack came from.</param>
public sealed record DiagnosisAnswer(ResetCause? Cause, Side? ResetBy, Errno? ClientErrno, SeqAck? Numbers)
{
    /// <summary>True when nothing was written yet.</summary>
    public bool IsEmpty => Cause is null && ResetBy is null && ClientErrno is null && Numbers is null;

    /// <summary>The answer as written: <c>NoListener, Server, ECONNREFUSED, AnswerToSyn</c> (<c>?</c> for a part not written).</summary>
    public override string ToString() =>
        $"{Cause?.ToString() ?? "?"}, {ResetBy?.ToString() ?? "?"}, {ClientErrno?.Name ?? "?"}, {Numbers?.ToString() ?? "?"}";
}
