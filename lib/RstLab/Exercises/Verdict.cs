namespace RstLab.Exercises;

/// <summary>What an attempt at an exercise came to.</summary>
public enum Verdict
{
    /// <summary>Not answered, or not right yet: a hint follows.</summary>
    NotYet,
    /// <summary>Right: the explanation follows.</summary>
    Right,
    /// <summary>The live run this exercise is checked against could not happen here; the reason follows.</summary>
    NotLive,
}
