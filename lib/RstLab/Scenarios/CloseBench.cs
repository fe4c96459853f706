using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Namespaces;

namespace RstLab.Scenarios;

/// <summary>Where the closes of notebooks 02 and 03 run: a private network namespace when permitted (its counters and socket table see only these experiments), else this machine's 127.0.0.1.</summary>
public sealed class CloseBench : IDisposable
{
    readonly NetworkNamespace? _namespace;

    CloseBench(NetworkNamespace? ns, string? reason)
    {
        _namespace = ns;
        Reason = reason;
    }

    /// <summary>True when the experiments run in the lab's own network namespace, so counter deltas are theirs alone.</summary>
    public bool IsPrivate => _namespace is not null;

    /// <summary>Why no private namespace could be created (and what to do), or null when it was.</summary>
    public string? Reason { get; }

    /// <summary>One sentence: where the experiments run and what that means for the counters.</summary>
    public string Where => _namespace is not null
        ? $"The experiments run in a private network namespace, {_namespace.Name}, with its own loopback, counters and socket table: every counter delta below is these experiments' alone."
        : $"The experiments run on this machine's loopback, 127.0.0.1. Its counters are machine-wide, so other traffic can add to them (never subtract): the checks ask for \"at least\". A private namespace was not available: {Reason}";

    /// <summary>Opens the bench: a private namespace when this process may create one, else the host's loopback.</summary>
    public static CloseBench Open()
    {
        try
        {
            return new CloseBench(NetworkNamespace.Create(), null);
        }
        catch (NamespaceUnavailableException e)
        {
            return new CloseBench(null, e.Message);
        }
    }

    /// <summary>Starts one close experiment: a listener on a fresh port, a capture recorded as <paramref name="recording"/>, the counters before.</summary>
    /// <param name="recording">Recording name, e.g. <c>02-abort</c>.</param>
    public CloseExperiment Start(string recording)
    {
        Recordings.ValidateName(recording);
        return new CloseExperiment(this, recording);
    }

    /// <summary>A listener on 127.0.0.1 of the bench (the kernel picks the port).</summary>
    public Socket Listen() => Inside(() => Lab.Listen());

    /// <summary>A client connected to 127.0.0.1:<paramref name="port"/> of the bench, with 2 s timeouts.</summary>
    public Socket Connect(int port)
    {
        Guard.Port(port);
        return Inside(() => Lab.Connect(port));
    }

    /// <summary>Captures TCP on <paramref name="port"/> on the bench's <c>lo</c>, or shows the recording named <paramref name="recording"/>.</summary>
    public WireCapture Capture(string recording, int port)
    {
        Recordings.ValidateName(recording);
        Guard.Port(port);
        return WireCapture.Start(recording, "lo", _namespace is null ? null : begin => _namespace.Run(begin), port);
    }

    /// <summary>The bench's TCP counters now.</summary>
    public CounterSnapshot Counters() => Inside(CounterSnapshot.Take);

    /// <summary>The bench's socket table rows on these ports.</summary>
    public IReadOnlyList<SocketEntry> Sockets(params int[] ports) => Inside(() => SocketTable.Read(ports));

    /// <summary>The bench's socket table rows on <paramref name="port"/> once <paramref name="done"/> holds for them (see <see cref="SocketTable.WaitFor"/>).</summary>
    public IReadOnlyList<SocketEntry> SocketsWhen(int port, Func<IReadOnlyList<SocketEntry>, bool> done, TimeSpan timeout) =>
        Inside(() => SocketTable.WaitFor(port, done, timeout));

    /// <summary>Deletes the private namespace, if any.</summary>
    public void Dispose() => _namespace?.Dispose();

    // A socket belongs to the namespace it was created in, so only creating it (and reading /proc) needs the namespace's thread.
    T Inside<T>(Func<T> action) => _namespace is null ? action() : _namespace.Run(action, TimeSpan.FromSeconds(15));
}
