using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary><c>setsockopt()</c> with the course's named options: <c>socket.Set(SocketOption.TCP_REPAIR, 1)</c>.</summary>
public static class SocketOptionExtensions
{
    /// <summary>Sets <paramref name="option"/> to <paramref name="values"/>, each a C <c>int</c> in order (<c>SO_LINGER</c> takes two: on, seconds).</summary>
    public static void Set(this Socket socket, SocketOption option, params int[] values)
    {
        Guard.NotNull(socket);
        Guard.NotNull(option);
        Guard.NotNull(values);
        if (values.Length == 0)
            throw new LabArgumentException($"Give {option.Name} a value, e.g. socket.Set(SocketOption.{option.Name}, 1).", nameof(values));
        socket.SetRawSocketOption(option.Level, option.Number, values.SelectMany(BitConverter.GetBytes).ToArray());
    }

    /// <summary>Reads an <c>int</c> option (for <c>SO_SNDBUF</c>: the size the kernel actually uses).</summary>
    public static int Get(this Socket socket, SocketOption option)
    {
        Guard.NotNull(socket);
        Guard.NotNull(option);
        var value = new byte[4];
        socket.GetRawSocketOption(option.Level, option.Number, value);
        return BitConverter.ToInt32(value);
    }
}
