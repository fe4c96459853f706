using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using RstLab.Evidence;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Namespaces;

/// <summary>A program on one of the lab's hosts: it creates its sockets on that host's namespace thread (a socket belongs to the namespace it was created in) and keeps them, so killing it drops them all.</summary>
public sealed class LabHost : IDisposable
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    readonly NetworkNamespace? _namespace;
    readonly List<Socket> _sockets = [];

    /// <summary>A program on <paramref name="host"/> (null: this machine), whose address is <paramref name="address"/>.</summary>
    /// <param name="role">What the program is, e.g. <c>server</c>.</param>
    /// <param name="address">The address its sockets bind to.</param>
    /// <param name="host">The namespace it runs in, or null for this machine.</param>
    /// <param name="calls">Where its calls are recorded (a rebooted host keeps its program's log); a new log when null.</param>
    public LabHost(string role, IPAddress address, NetworkNamespace? host, CallLog? calls = null)
    {
        Guard.NotBlank(role);
        Guard.NotNull(address);
        LabAddresses.Require(address, insideLabNamespace: host is not null, nameof(address));
        Role = role;
        Address = address;
        _namespace = host;
        Calls = calls ?? new CallLog(role);
    }

    // Told at each socket the program makes or accepts, so whoever runs the program knows which cell took a step.
    internal Action? Made { get; init; }

    /// <summary>The program's socket calls made through <c>Do</c>, each under its own source text with its result and prediction.</summary>
    public CallLog Calls { get; }

    /// <summary>Runs and records a call that returns a count (<c>send</c>, <c>recv</c>): <c>host.Do(() => s.Send(data), Expect.Returns(5))</c>.</summary>
    public long Do(Func<int> call, ExpectedResult? expect = null, [CallerArgumentExpression(nameof(call))] string text = "") =>
        Calls.Do(call, expect, text);

    /// <summary>Runs and records a call that returns nothing (<c>Close()</c>, <c>Set(...)</c>).</summary>
    public void Do(Action call, ExpectedResult? expect = null, [CallerArgumentExpression(nameof(call))] string text = "") =>
        Calls.Do(call, expect, text);

    /// <summary>What the program is, e.g. <c>server</c>.</summary>
    public string Role { get; }

    /// <summary>The host's address.</summary>
    public IPAddress Address { get; }

    /// <summary>Where it runs: the namespace's name, or <c>this machine</c>.</summary>
    public string Where => _namespace?.Name ?? "this machine";

    /// <summary>A listening socket on <see cref="Address"/>:<paramref name="port"/> (0: the kernel picks), created on the host's thread.</summary>
    public Socket Listen(int port)
    {
        Guard.PortOrAny(port);
        return Keep(Inside(() =>
        {
            var listener = new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                listener.Bind(new IPEndPoint(Address, port));
                listener.Listen(4);
                return listener;
            }
            catch
            {
                listener.Dispose();
                throw;
            }
        }));
    }

    /// <summary>A socket connected to <paramref name="address"/>:<paramref name="port"/>, created on the host's thread; 2 s to connect, 2 s send and receive timeouts.</summary>
    /// <exception cref="TimeoutException">No answer within 2 s.</exception>
    public Socket Connect(IPAddress address, int port)
    {
        Guard.NotNull(address);
        LabAddresses.Require(address, insideLabNamespace: _namespace is not null, nameof(address));
        Guard.Port(port);
        var to = new IPEndPoint(address, port);
        return Keep(Inside(() =>
        {
            var socket = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                TimedConnect.Run(socket, to, Wait, $"connect({to}) got no answer within 2 s.");
                socket.ReceiveTimeout = socket.SendTimeout = (int)Wait.TotalMilliseconds;
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }));
    }

    /// <summary>The next connection on <paramref name="listener"/>, waiting up to 2 s; 2 s send and receive timeouts.</summary>
    /// <exception cref="TimeoutException">No connection within 2 s.</exception>
    public Socket Accept(Socket listener)
    {
        Guard.NotNull(listener);
        if (!listener.Poll(Wait, SelectMode.SelectRead))
            throw new TimeoutException($"The {Role} saw no connection within 2 s.");
        var socket = Keep(listener.Accept());
        socket.ReceiveTimeout = socket.SendTimeout = (int)Wait.TotalMilliseconds;
        return socket;
    }

    /// <summary>Kills the program: each of its sockets is aborted (SO_LINGER {on, 0}) and closed at once.</summary>
    /// <remarks>On a live link that sends a RST per connection; the lab cuts the cable first, so nothing gets out.</remarks>
    public void Kill()
    {
        foreach (var socket in Taken())
        {
            try { socket.LingerState = new LingerOption(true, 0); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            socket.Dispose();
        }
    }

    /// <summary>Closes every socket the program still has.</summary>
    public void Dispose()
    {
        foreach (var socket in Taken())
            socket.Dispose();
    }

    /// <summary>The program in words, e.g. <c>server on rstlab-12-3 (10.77.0.2)</c>.</summary>
    public override string ToString() => $"{Role} on {Where} ({Address})";

    Socket Keep(Socket socket)
    {
        Made?.Invoke();
        lock (_sockets) _sockets.Add(socket);
        return socket;
    }

    List<Socket> Taken()
    {
        lock (_sockets)
        {
            var all = _sockets.ToList();
            _sockets.Clear();
            return all;
        }
    }

    T Inside<T>(Func<T> action) => _namespace is null ? action() : _namespace.Run(action, TimeSpan.FromSeconds(10));
}
