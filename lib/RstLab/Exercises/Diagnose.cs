using RstLab.Capture;
using RstLab.Packets;

namespace RstLab.Exercises;

/// <summary>"Diagnose a recording" exercises: a capture from <c>data/exercises/</c> that no notebook shows, and the learner's typed diagnosis of it.</summary>
public static class Diagnose
{
    /// <summary>The packets of the exercise's recording, without the kernel's traced reasons (they would give the answer away).</summary>
    public static PacketTable Recording(string exercise)
    {
        var found = ExerciseCatalog.Find(exercise, nameof(exercise));
        var name = found.Recording ?? throw new LabArgumentException($"Exercise {exercise} has no recording: it is not a diagnosis exercise.", nameof(exercise));
        var recording = Recordings.Load(name) ?? throw new LabArgumentException(
            $"The recording data/{name}.pcap is missing. Restore it with: git checkout -- data/{name}.pcap (from the repository's folder), or record it again as root with: sudo ./lab record --exercises",
            nameof(exercise));
        return new PacketTable(TcpSegment.From(recording.Frames), $"Recorded capture data/{name}.pcap (kernel {recording.Note.Kernel})", recording.Note.ServerPort);
    }

    /// <summary>Marks <paramref name="answer"/> against what the recording's experiment really did; a wrong part is named, not corrected.</summary>
    public static Feedback Check(string exercise, DiagnosisAnswer answer)
    {
        Guard.NotBlank(exercise);
        Guard.NotNull(answer);
        var found = ExerciseCatalog.Find(exercise, nameof(exercise));
        var truth = found.Truth ?? throw new LabArgumentException($"Exercise {exercise} is not a diagnosis exercise.", nameof(exercise));
        if (answer.IsEmpty)
            return Marking.Mark(found, null, false, "");
        var wrong = new List<string>();
        if (answer.Cause != truth.Cause) wrong.Add("the condition");
        if (answer.ResetBy != truth.ResetBy) wrong.Add("the side that sent the RST");
        if (answer.ClientErrno != truth.ClientErrno) wrong.Add("the client's errno");
        if (answer.Numbers != truth.Numbers) wrong.Add("why these seq/ack");
        var feedback = Marking.Mark(found, answer.ToString(), wrong.Count == 0, truth.ToString());
        return wrong.Count == 0 ? feedback : feedback with { Message = $"Not yet right: {string.Join(", ", wrong)}. {feedback.Message}" };
    }
}
