using System.Net;
using System.Net.Sockets;

namespace RstLab.Packets;

/// <summary>The only addresses lab traffic may use: loopback (127.0.0.0/8, ::1), and 10.77.0.0/24, which exists only inside the network namespaces the lab creates.</summary>
public static class LabAddresses
{
    /// <summary>The private range the lab assigns inside its own namespaces; never used on the host's own interfaces.</summary>
    public static IPNetwork NamespaceRange { get; } = IPNetwork.Parse("10.77.0.0/24");

    /// <summary>True for a loopback address (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(IPAddress address)
    {
        Guard.NotNull(address);
        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    /// <summary>True for an address lab traffic may use: loopback, or the namespace range when <paramref name="insideLabNamespace"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool insideLabNamespace)
    {
        Guard.NotNull(address);
        return IsLoopback(address)
            || (insideLabNamespace && address.AddressFamily == AddressFamily.InterNetwork && NamespaceRange.Contains(address));
    }

    /// <summary>Throws unless <paramref name="address"/> is one lab traffic may use (see <see cref="IsAllowed"/>).</summary>
    public static void Require(IPAddress address, bool insideLabNamespace, string parameter)
    {
        Guard.NotBlank(parameter);
        if (!IsAllowed(address, insideLabNamespace))
            throw new LabArgumentException(
                insideLabNamespace
                    ? $"{address} is neither loopback (127.0.0.0/8, ::1) nor in the lab's namespace range {NamespaceRange}: the lab sends nothing anywhere else."
                    : $"{address} is not a loopback address (127.0.0.0/8, ::1): outside the lab's own namespaces the lab sends only on loopback.",
                parameter);
    }
}
