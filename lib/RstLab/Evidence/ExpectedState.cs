using RstLab.Kernel;

namespace RstLab.Evidence;

/// <summary>A socket-table row that should exist: a socket in <paramref name="State"/>, on local port <paramref name="Port"/> and connected to <paramref name="RemotePort"/> when given.</summary>
/// <param name="State">The state, e.g. <see cref="TcpState.TimeWait"/>.</param>
/// <param name="Port">The socket's local port; null: any.</param>
/// <param name="RemotePort">The port it is connected to; null: any.</param>
public sealed record ExpectedState(TcpState State, int? Port = null, int? RemotePort = null) : IExpectation<IEnumerable<SocketEntry>>
{
    /// <summary>Bytes the socket's Recv-Q holds (received, not read); null: any.</summary>
    public long? ReceiveQueue { get; init; }

    /// <summary>True when some row is in <see cref="State"/> on the given ports, with the given Recv-Q.</summary>
    public bool IsMetBy(IEnumerable<SocketEntry> observed) =>
        Guard.NotNull(observed).Any(s => s.State == State && (Port is null || s.Local.Port == Port)
            && (RemotePort is null || s.Remote.Port == RemotePort) && (ReceiveQueue is null || s.ReceiveQueue == ReceiveQueue));

    /// <summary>The rows' states and addresses, or "no socket".</summary>
    public string Show(IEnumerable<SocketEntry> observed)
    {
        var rows = Guard.NotNull(observed).ToList();
        return rows.Count == 0 ? "no socket" : string.Join(", ", rows.Select(s => $"{s.State.ToText()} :{s.Local.Port} → :{s.Remote.Port}" + (ReceiveQueue is null ? "" : $" Recv-Q {s.ReceiveQueue}")));
    }

    /// <summary><c>TIME-WAIT :* → :40000</c>.</summary>
    public override string ToString() => $"{State.ToText()} :{Port?.ToString() ?? "*"} → :{RemotePort?.ToString() ?? "*"}"
        + (ReceiveQueue is long queue ? $" Recv-Q {queue}" : "");
}
