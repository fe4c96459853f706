using System.Net;

namespace RstLab.Sockets;

/// <summary>Kills one TCP connection from outside the program that owns it, as an operator does with <c>ss -K</c> (SOCK_DESTROY).</summary>
public static class SocketKiller
{
    /// <summary>Runs <c>ss -K</c> for the connection from <paramref name="local"/> to <paramref name="remote"/> in the calling thread's network namespace; returns what ss printed (the socket it killed).</summary>
    /// <exception cref="InvalidOperationException">ss is missing, not permitted (needs CAP_NET_ADMIN) or the kernel lacks CONFIG_INET_DIAG_DESTROY.</exception>
    public static string Kill(IPEndPoint local, IPEndPoint remote)
    {
        Guard.NotNull(local);
        Guard.NotNull(remote);
        Packets.LabAddresses.Require(local.Address, insideLabNamespace: true, nameof(local));    // the lab's connections only
        Packets.LabAddresses.Require(remote.Address, insideLabNamespace: true, nameof(remote));
        var filter = $"src {local.Address}:{local.Port} dst {remote.Address}:{remote.Port}";
        var ss = Tool.Run("ss", $"-K -t -n {filter}", TimeSpan.FromSeconds(5))
            ?? throw new InvalidOperationException("The 'ss' command is missing: install iproute2 (sudo apt-get install iproute2).");
        // ss exits 0 even when the kernel refused; a refusal shows on stderr ("SOCK_DESTROY answers: Operation not permitted").
        if (ss.Code != 0 || ss.Error.Trim().Length > 0)
            throw new InvalidOperationException($"'ss -K {filter}' failed ({ss.Error.Trim()}): it needs CAP_NET_ADMIN (run as root) and a kernel built with CONFIG_INET_DIAG_DESTROY.");
        return ss.Output.Trim();
    }
}
