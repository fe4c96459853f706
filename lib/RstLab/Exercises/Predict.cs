using RstLab.Evidence;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Exercises;

/// <summary>Predictions in typed form, written before the experiment: <c>Predict.Flags("01.1", TcpFlags.RstAck)</c>, <c>Predict.Errno("02.1", Errno.EPIPE)</c>.</summary>
public static class Predict
{
    /// <summary>The flags of a segment, e.g. the server's answer to a SYN; null: not written yet.</summary>
    public static Prediction<TcpFlags> Flags(string exercise, TcpFlags? answer) =>
        Keep(new Prediction<TcpFlags>(ExerciseCatalog.Find(exercise, nameof(exercise)), answer?.ToText(), f => f == answer, f => f.ToText()));

    /// <summary>The errno a call fails with; null: not written yet. Marked against the call's outcome.</summary>
    public static Prediction<SocketOutcome?> Errno(string exercise, Sockets.Errno? answer) =>
        Keep(new Prediction<SocketOutcome?>(ExerciseCatalog.Find(exercise, nameof(exercise)), answer is null ? null : $"= -1 {answer.Name}",
            o => answer is not null && o is not null && o.Is(answer), o => o is null ? "no call" : ExpectedResult.Text(o)));

    /// <summary>A byte count within <paramref name="atLeast"/>..<paramref name="atMost"/>, at most a factor of 2 apart (a wider range predicts nothing); nulls: not written yet.</summary>
    public static Prediction<long> Bytes(string exercise, long? atLeast, long? atMost)
    {
        var found = ExerciseCatalog.Find(exercise, nameof(exercise));
        if (atLeast > atMost)
            throw new LabArgumentException($"The range {atLeast}..{atMost} is empty: write the smaller number first.", nameof(atLeast));
        if (atLeast is { } low && atMost is { } high && (low <= 0 || high > 2 * low))
            throw new LabArgumentException($"The range {atLeast}..{atMost} is too wide to be a prediction: make the larger number at most twice the smaller.", nameof(atMost));
        var written = atLeast is not null && atMost is not null;
        return Keep(new Prediction<long>(found, written ? $"{atLeast}..{atMost} bytes" : null,
            n => written && n >= atLeast && n <= atMost, n => $"{n} bytes"));
    }

    /// <summary>Which side, e.g. the one left in TIME-WAIT; null: not written yet.</summary>
    public static Prediction<Side> Side(string exercise, Exercises.Side? answer) =>
        Keep(new Prediction<Side>(ExerciseCatalog.Find(exercise, nameof(exercise)), answer?.ToString(), s => s == answer, s => s.ToString()));

    // Written before the reveal, the prediction goes on record; once revealed, the record keeps the first one.
    static T Keep<T>(T prediction) where T : Prediction
    {
        var entry = Progress.Of(prediction.Exercise.Id);
        if (prediction.Answer is not null && entry.PredictionRight is null && entry.Prediction != prediction.Answer)
            Progress.Save(entry with { Prediction = prediction.Answer });
        return prediction;
    }
}
