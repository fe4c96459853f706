using System.Net;
using System.Net.Sockets;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>A client and the server side of its connection, on port 8000 inside an experiment's network.</summary>
static class ConnectedPair
{
    public static (Socket Client, Socket Server) Open(Experiment experiment)
    {
        var at = new IPEndPoint(IPAddress.Loopback, 8000);
        var listener = experiment.NewSocket();
        listener.Bind(at);
        listener.Listen(1);
        var client = experiment.NewSocket();
        client.Connect(at, TimeSpan.FromSeconds(2));
        return (client, listener.Accept(TimeSpan.FromSeconds(2)));
    }
}
