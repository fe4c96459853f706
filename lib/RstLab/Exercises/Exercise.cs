namespace RstLab.Exercises;

/// <summary>One exercise of a notebook: its task, two hints given one after the other, and why the right answer is right.</summary>
/// <param name="Id">Its number, <c>NN.k</c>: the notebook's number and its place in it, e.g. <c>01.2</c>.</param>
/// <param name="Notebook">The notebook it belongs to, e.g. <c>01-no-listener</c>.</param>
/// <param name="Kind">Predict, change one thing, or diagnose a recording.</param>
/// <param name="Task">The task in one sentence.</param>
/// <param name="FirstHint">The hint after the first try that is not right yet.</param>
/// <param name="SecondHint">The hint after every later one.</param>
/// <param name="Why">The explanation shown with a right answer.</param>
public sealed record Exercise(string Id, string Notebook, ExerciseKind Kind, string Task, string FirstHint, string SecondHint, string Why)
{
    /// <summary>The cell id of the learner's cell in the notebook: the cell <c>./lab run --solutions</c> replaces.</summary>
    public required string Cell { get; init; }

    /// <summary>For a diagnosis: the recording's name under <c>data/</c>, e.g. <c>exercises/01-two-ports</c>.</summary>
    public string? Recording { get; init; }

    /// <summary>For a diagnosis: what the recording's experiment really did.</summary>
    public DiagnosisAnswer? Truth { get; init; }

    /// <summary>The hint for the <paramref name="attempt"/>-th try that was not right (from 1): the first, then the second for good.</summary>
    public string Hint(int attempt) => attempt <= 1 ? FirstHint : SecondHint;
}
