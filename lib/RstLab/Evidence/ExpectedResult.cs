using System.Net.Sockets;
using RstLab.Sockets;

namespace RstLab.Evidence;

/// <summary>What a socket call should return, written as packetdrill writes it: <c>= 5000</c>, <c>= -1 EPIPE</c>, <c>= 0</c>.</summary>
/// <param name="Value">The value a successful call returns; null: any value (a call that returns nothing).</param>
/// <param name="Error">The errno a failing call reports; null: the call succeeds.</param>
public sealed record ExpectedResult(long? Value, Errno? Error) : IExpectation<SocketOutcome>
{
    /// <summary>True when the call failed with this errno (on Linux also its number), or succeeded with this value.</summary>
    public bool IsMetBy(SocketOutcome observed)
    {
        Guard.NotNull(observed);
        if (Error is { } errno)
            return observed.Is(errno);
        return observed.Succeeded && (Value is null || observed.Value == Value);
    }

    /// <summary>The outcome written the same way: <c>= 5000</c> or <c>= -1 ECONNRESET (104)</c>.</summary>
    public string Show(SocketOutcome observed) => Text(Guard.NotNull(observed));

    /// <summary>The outcome of a call in packetdrill's notation; <c>= ok</c> for a call that returns nothing.</summary>
    public static string Text(SocketOutcome outcome)
    {
        Guard.NotNull(outcome);
        if (outcome.Succeeded)
            return outcome.Returns ? $"= {outcome.Value}" : "= ok";
        return $"= -1 {outcome.Errno?.Name ?? outcome.Error.ToString()} ({outcome.NativeErrorCode})";
    }

    /// <summary><c>= 5000</c>, <c>= -1 EPIPE</c>, or <c>= ok</c> for any success.</summary>
    public override string ToString() => Error is { } e ? $"= -1 {e.Name}" : Value is long v ? $"= {v}" : "= ok";
}
