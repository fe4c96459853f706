using System.Collections;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using RstLab.Evidence;

namespace RstLab.Sockets;

/// <summary>One side's socket calls, each recorded under its own source text with what it returned and what the cell predicted: <c>client.Do(() => s.Send(chunk), Expect.Fails(Errno.EPIPE))</c>.</summary>
/// <param name="side">Whose calls these are, e.g. <c>client</c>.</param>
public sealed class CallLog(string side) : IReadOnlyList<SocketOutcome>
{
    readonly List<SocketOutcome> _calls = [];

    /// <summary>Whose calls these are, e.g. <c>client</c>.</summary>
    public string Side { get; } = Guard.NotBlank(side);

    /// <summary>Why the calls were not run (the experiment could not run here), or null when they run.</summary>
    public string? NotRun { get; internal set; }

    // Where a socket a call returns (accept()) goes, so whoever owns the calls also closes it.
    internal Action<Socket>? Keep { get; init; }

    // Told before each call, so whoever owns the calls knows which cell took a step.
    internal Action? Called { get; init; }

    /// <summary>Runs a call that returns a count (<c>send</c>, <c>recv</c>), records it, and returns the count (0 when it failed or did not run).</summary>
    /// <remarks>A <see cref="SocketException"/> is a result, not a crash: it is recorded with its errno.</remarks>
    public long Do(Func<int> call, ExpectedResult? expect = null, [CallerArgumentExpression(nameof(call))] string text = "")
    {
        Guard.NotNull(call);
        return Record(text, expect, () => call(), returns: true, out _);
    }

    /// <summary>Runs a call that returns an object (<c>Accept()</c>, a connected socket), records it, and returns the object (null when it failed or did not run).</summary>
    public T? Do<T>(Func<T> call, ExpectedResult? expect = null, [CallerArgumentExpression(nameof(call))] string text = "")
    {
        Guard.NotNull(call);
        T? made = default;
        Record(text, expect, () => { made = call(); return 0; }, returns: false, out _);
        if (made is Socket socket)
            Keep?.Invoke(socket);
        return made;
    }

    /// <summary>Runs a call that returns nothing (<c>Listen(1)</c>, <c>Connect(...)</c>, <c>Close()</c>) and records it.</summary>
    public void Do(Action call, ExpectedResult? expect = null, [CallerArgumentExpression(nameof(call))] string text = "")
    {
        Guard.NotNull(call);
        Record(text, expect, () => { call(); return 0; }, returns: false, out _);
    }

    /// <summary>The calls in order.</summary>
    public SocketOutcome this[int index] => _calls[index];

    /// <summary>How many calls ran.</summary>
    public int Count => _calls.Count;

    /// <summary>The calls in order.</summary>
    public IEnumerator<SocketOutcome> GetEnumerator() => _calls.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One line per call: <c>client.Connect(port) = -1 ECONNREFUSED (111) expected = -1 ECONNREFUSED ✓</c>.</summary>
    public override string ToString() => NotRun ?? string.Join("\n", _calls.Select(c =>
        $"{c.Call} {ExpectedResult.Text(c)}" + (c.Expected is { } e ? $"   expected {e} {(c.AsExpected == true ? "✓" : "✗")}" : "")));

    long Record(string text, ExpectedResult? expect, Func<long> action, bool returns, out SocketOutcome? outcome)
    {
        Guard.NotNull(action);
        outcome = null;
        Called?.Invoke();
        if (NotRun is not null)
            return 0;
        outcome = SocketOutcome.Of(Label(text), action) with { Returns = returns, Expected = expect };
        lock (_calls) _calls.Add(outcome);
        return outcome.Value;
    }

    // The label is the call's own source text: "() => client.Send(chunk)" reads as "client.Send(chunk)".
    static string Label(string text)
    {
        var label = string.Join(" ", Guard.NotBlank(text).Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return label.StartsWith("() =>", StringComparison.Ordinal) ? label[5..].Trim() : label;
    }
}
