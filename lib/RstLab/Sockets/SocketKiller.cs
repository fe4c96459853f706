using System.Diagnostics;
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
        Process process;
        try
        {
            process = Process.Start(Leftovers.Mark(new ProcessStartInfo("ss", $"-K -t -n {filter}") { RedirectStandardError = true, RedirectStandardOutput = true }))!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("The 'ss' command is missing: install iproute2 (sudo apt-get install iproute2).");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(5_000))
            {
                process.Kill();
                throw new InvalidOperationException($"'ss -K {filter}' did not finish in 5 s.");
            }
            // ss exits 0 even when the kernel refused; a refusal shows on stderr ("SOCK_DESTROY answers: Operation not permitted").
            if (process.ExitCode != 0 || error.Result.Trim().Length > 0)
                throw new InvalidOperationException($"'ss -K {filter}' failed ({error.Result.Trim()}): it needs CAP_NET_ADMIN (run as root) and a kernel built with CONFIG_INET_DIAG_DESTROY.");
            return output.Result.Trim();
        }
    }
}
