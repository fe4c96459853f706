namespace RstLab.Tracing;

/// <summary>The kernel's reset reasons cannot be traced here; <see cref="Exception.Message"/> says why in one sentence and what to do.</summary>
public sealed class TraceUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Only the message: it says what to do, a stack trace would not.</summary>
    public override string ToString() => Message;
}
