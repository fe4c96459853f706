namespace RstLab.Exercises;

/// <summary>The three kinds of exercise of a condition notebook.</summary>
public enum ExerciseKind
{
    /// <summary>Write down what the kernel will do before the experiment runs; marked against the live run.</summary>
    Predict,
    /// <summary>Change one thing in the code so the kernel behaves differently; checked on the live run.</summary>
    Change,
    /// <summary>Read a recording not shown anywhere else and say what happened, in typed form.</summary>
    Diagnose,
}
