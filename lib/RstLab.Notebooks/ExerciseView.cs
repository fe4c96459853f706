using RstLab.Exercises;
using static System.Net.WebUtility;

namespace RstLab.Notebooks;

/// <summary>How exercises show in a notebook: the prediction kept, the feedback on a try, the progress per notebook.</summary>
public static class ExerciseView
{
    const string Style = "<style>.rstlab-exercise{font:14px/1.5 sans-serif;padding:6px 10px;margin:4px 0;border-left:4px solid #99a;background:#f6f6fa}" +
        ".rstlab-exercise.right{border-color:#070;background:#efe}.rstlab-exercise.notyet{border-color:#c80;background:#fff8e8}</style>";

    /// <summary>The feedback: its headline in bold, then the hint, the explanation or the reason.</summary>
    public static string Feedback(Feedback feedback)
    {
        var kind = feedback.Verdict switch { Verdict.Right => "right", Verdict.NotYet => "notyet", _ => "notlive" };
        var answer = feedback.Answer is null ? "" : $"<br>Your answer: <code>{HtmlEncode(feedback.Answer)}</code>";
        var seen = feedback.Observed is null ? "" : $"<br>The evidence: <code>{HtmlEncode(feedback.Observed)}</code>";
        return $"{Style}<div class=\"rstlab-exercise {kind}\"><b>{HtmlEncode(feedback.Headline)}</b> {HtmlEncode(feedback.Message)}{answer}{seen}</div>";
    }

    /// <summary>The prediction as the cell before the experiment shows it.</summary>
    public static string Prediction(Prediction prediction) =>
        $"{Style}<div class=\"rstlab-exercise\">{HtmlEncode(prediction.ToString())}</div>";

    /// <summary>One row per notebook with exercises: solved, and predictions right before the reveal.</summary>
    public static string Progress(IEnumerable<NotebookProgress> rows) =>
        HtmlView.Style + "<table class=\"rstlab\"><tr><th>notebook</th><th>exercises</th><th>solved</th><th>predictions right before the reveal</th></tr>" +
        string.Concat(rows.Select(r => $"<tr><td>{HtmlEncode(r.Notebook)}</td><td>{r.Exercises}</td><td>{r.Solved}</td><td>{r.PredictionsRight} of {r.Predictions}</td></tr>")) +
        $"</table><div class=\"rstlab-note\">Kept in {HtmlEncode(RstLab.Exercises.Progress.FilePath)} (git-ignored: it is yours).</div>";
}
