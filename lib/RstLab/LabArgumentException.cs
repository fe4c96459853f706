namespace RstLab;

/// <summary>A learner passed the lab a value it cannot use; the message says what was wrong and what to pass instead.</summary>
/// <remarks>An <see cref="ArgumentException"/>, so <c>catch (ArgumentException)</c> still catches it.</remarks>
public sealed class LabArgumentException(string message, string? paramName = null) : ArgumentException(message, paramName)
{
    readonly string _text = message;

    /// <summary>The sentence alone: ArgumentException would append "(Parameter '…')", which the sentence already names.</summary>
    public override string Message => _text;

    /// <summary>Only the message: a notebook shows an exception's ToString, and a stack trace would bury the one sentence that matters.</summary>
    public override string ToString() => Message;
}
