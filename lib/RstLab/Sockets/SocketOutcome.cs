using System.Net;
using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary>What one socket call returned: success with a value, or the error with its errno, and how long it took.</summary>
/// <param name="Call">The call, e.g. <c>connect(127.0.0.1:40000)</c>.</param>
/// <param name="Error">Success, or the .NET error.</param>
/// <param name="NativeErrorCode">The platform's errno (0 on success).</param>
/// <param name="Elapsed">How long the call took.</param>
/// <param name="Value">Bytes transferred, or another count the call returned.</param>
/// <param name="Local">The socket's local endpoint when known (the client's ephemeral port).</param>
public sealed record SocketOutcome(string Call, SocketError Error, int NativeErrorCode, TimeSpan Elapsed, long Value = 0, IPEndPoint? Local = null)
{
    /// <summary>True when the call returns a value (<c>send()</c>: bytes); false for calls that return nothing (<c>connect()</c>, <c>listen()</c>).</summary>
    public bool Returns { get; init; } = true;

    /// <summary>What the cell predicted, written on the line of the call (<c>= -1 EPIPE</c>); null when it predicted nothing.</summary>
    public Evidence.ExpectedResult? Expected { get; init; }

    /// <summary>True when the call did what <see cref="Expected"/> predicts; null without a prediction.</summary>
    public bool? AsExpected => Expected?.IsMetBy(this);

    /// <summary>True when the call failed with <paramref name="errno"/> (on Linux also with its number).</summary>
    public bool Is(Errno errno) => Guard.NotNull(errno).SocketError == Error && (!OperatingSystem.IsLinux() || NativeErrorCode == errno.Linux);

    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Error == SocketError.Success;

    /// <summary>The errno, with its Linux, macOS and Windows numbers; null on success.</summary>
    public Errno? Errno => Succeeded ? null : Sockets.Errno.Of(Error);

    /// <summary>Runs a socket call and records its outcome; a <see cref="SocketException"/> (or a <see cref="TimeoutException"/>) is a result, not a crash.</summary>
    public static SocketOutcome Of(string call, Func<long> action, Func<IPEndPoint?>? local = null)
    {
        Guard.NotBlank(call);
        Guard.NotNull(action);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var value = action();
            return new SocketOutcome(call, SocketError.Success, 0, clock.Elapsed, value, local?.Invoke());
        }
        catch (SocketException e)
        {
            return new SocketOutcome(call, e.SocketErrorCode, e.NativeErrorCode, clock.Elapsed, 0, SafeLocal(local));
        }
        catch (TimeoutException)
        {
            return new SocketOutcome(call, SocketError.TimedOut, Sockets.Errno.ETIMEDOUT.Native, clock.Elapsed, 0, SafeLocal(local));
        }
        catch (Exception e) when (Innermost(e) is SocketException socket)
        {
            // A library wrapped the socket's error (HttpClient: HttpRequestException → IOException → SocketException): the errno is the result.
            return new SocketOutcome(call, socket.SocketErrorCode, socket.NativeErrorCode, clock.Elapsed, 0, SafeLocal(local)) { Chain = ChainOf(e) };
        }
    }

    /// <summary>The exceptions the error came wrapped in, outermost first, e.g. <c>HttpRequestException → IOException → SocketException (104)</c>; null when the call threw a bare <see cref="SocketException"/> or succeeded.</summary>
    public string? Chain { get; init; }

    static SocketException? Innermost(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SocketException socket)
                return socket;
        return null;
    }

    static string ChainOf(Exception e)
    {
        var links = new List<string>();
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            links.Add(inner is SocketException s ? $"SocketException ({s.NativeErrorCode}): {s.Message}" : $"{inner.GetType().Name}: {inner.Message}");
        return string.Join("\n → ", links);
    }

    static IPEndPoint? SafeLocal(Func<IPEndPoint?>? local)
    {
        try { return local?.Invoke(); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { return null; }
    }

    /// <summary>One line, e.g. "connect(...) → ConnectionRefused, errno 111 (ECONNREFUSED; macOS 61) in 0.1 ms".</summary>
    public override string ToString() => Succeeded
        ? $"{Call} → ok ({Value}) in {Elapsed.TotalMilliseconds:0.###} ms"
        : $"{Call} → {Error}, errno {NativeErrorCode}" + (Errno is { } x ? $" ({x.Name}; macOS {x.MacOS})" : "") + $" in {Elapsed.TotalMilliseconds:0.###} ms";
}
