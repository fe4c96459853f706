using System.Net;
using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary>A listener on 127.0.0.1 and, once <see cref="Connect"/> ran, both ends of the one connection it accepts (the listener is then closed); disposing closes whatever is open.</summary>
/// <remarks>Buffer sizes are set where they take effect: the receive buffer on the listener before <c>listen()</c> (the accepted socket inherits it, and the window scale is chosen from it during the handshake), the send buffer on the client before <c>connect()</c>.</remarks>
internal sealed class OneConnection : IDisposable
{
    readonly Socket _listener;

    OneConnection(Socket listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>The connecting side (null until <see cref="Connect"/>).</summary>
    public Socket? Client { get; private set; }

    /// <summary>The accepted side (null until <see cref="Connect"/>).</summary>
    public Socket? Server { get; private set; }

    /// <summary>The client's ephemeral port (0 until connected).</summary>
    public int ClientPort => (Client?.LocalEndPoint as IPEndPoint)?.Port ?? 0;

    /// <summary>Listens on a port the kernel picks, with <c>SO_RCVBUF</c> = <paramref name="receiveBuffer"/> when given.</summary>
    public static OneConnection Listen(int? receiveBuffer = null)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (receiveBuffer is int r)
                listener.ReceiveBufferSize = r;
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            return new OneConnection(listener);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Connects a client (with <c>SO_SNDBUF</c> = <paramref name="sendBuffer"/> when given) and accepts it; both get 2 s send and receive timeouts.</summary>
    public OneConnection Connect(int? sendBuffer = null, TimeSpan? timeout = null)
    {
        if (Client is not null)
            throw new InvalidOperationException("This pair is already connected.");
        var wait = timeout ?? TimeSpan.FromSeconds(2);
        Client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (sendBuffer is int s)
            Client.SendBufferSize = s;
        TimedConnect.Run(Client, new IPEndPoint(IPAddress.Loopback, Port), wait, $"connect to 127.0.0.1:{Port} got no answer within {wait.TotalSeconds:0.#} s.");
        if (!_listener.Poll(wait, SelectMode.SelectRead))
            throw new TimeoutException($"The listener on port {Port} had no connection to accept within {wait.TotalSeconds:0.#} s.");
        Server = _listener.Accept();
        // One connection per pair, as in the article's server: the listener is closed once it has been accepted.
        _listener.Close();
        Client.ReceiveTimeout = Client.SendTimeout = Server.ReceiveTimeout = Server.SendTimeout = 2000;
        return this;
    }

    /// <summary>Closes the client, the server and the listener.</summary>
    public void Dispose()
    {
        Client?.Dispose();
        Server?.Dispose();
        _listener.Dispose();
    }
}
