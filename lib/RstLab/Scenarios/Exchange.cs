using System.Net;
using System.Net.Sockets;
using System.Text;
using RstLab.Namespaces;

namespace RstLab.Scenarios;

/// <summary>A connection that has carried one request and its response: what the corpus scenarios start from.</summary>
internal static class Exchange
{
    /// <summary>Connects <paramref name="client"/> to <paramref name="server"/>'s <paramref name="listener"/>, sends the request, reads it, sends the response, reads it; returns both sockets.</summary>
    public static (Socket Client, Socket Server) RequestResponse(LabHost client, LabHost server, Socket listener, IPAddress address, int port,
        string request = "hello", string response = "hi")
    {
        var connection = client.Connect(address, port);
        var accepted = server.Accept(listener);
        var buffer = new byte[64];
        connection.Send(Encoding.ASCII.GetBytes(request));
        accepted.Receive(buffer);
        accepted.Send(Encoding.ASCII.GetBytes(response));
        connection.Receive(buffer);
        return (connection, accepted);
    }
}
