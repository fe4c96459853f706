using System.Globalization;

namespace RstLab.Kernel;

/// <summary>The kernel's socket buffer limits (<c>net.core.wmem_max</c>, <c>rmem_max</c>, <c>net.ipv4.tcp_wmem</c>, <c>tcp_rmem</c>) that decide what <c>SO_SNDBUF</c>/<c>SO_RCVBUF</c> become.</summary>
/// <param name="WmemMax">The largest <c>SO_SNDBUF</c> an unprivileged <c>setsockopt</c> may request (<c>net.core.wmem_max</c>).</param>
/// <param name="RmemMax">The largest <c>SO_RCVBUF</c> an unprivileged <c>setsockopt</c> may request (<c>net.core.rmem_max</c>).</param>
/// <param name="TcpWmem">TCP's send buffer autotuning: min, initial and max bytes (<c>net.ipv4.tcp_wmem</c>).</param>
/// <param name="TcpRmem">TCP's receive buffer autotuning: min, initial and max bytes (<c>net.ipv4.tcp_rmem</c>).</param>
public sealed record BufferLimits(long WmemMax, long RmemMax, AutotuneRange TcpWmem, AutotuneRange TcpRmem)
{
    /// <summary>The limits of the calling thread's network namespace, from <c>/proc/sys/net</c>.</summary>
    public static BufferLimits Read() => ReadFolder("/proc/sys/net");

    /// <summary>The limits from a folder laid out like <c>/proc/sys/net</c> (<c>core/wmem_max</c>, <c>ipv4/tcp_wmem</c>, ...).</summary>
    public static BufferLimits Read(string folder) => ReadFolder(Guard.ExistingFolder(folder, "folder laid out like /proc/sys/net"));

    static BufferLimits ReadFolder(string folder)
    {
        string Text(string file)
        {
            var path = Path.Combine(folder, file);
            return File.Exists(path)
                ? File.ReadAllText(path)
                : throw new PlatformNotSupportedException($"Socket buffer limits need Linux's {path}; this system has none.");
        }
        return new BufferLimits(
            Number(Text("core/wmem_max")),
            Number(Text("core/rmem_max")),
            AutotuneRange.Parse(Text("ipv4/tcp_wmem")),
            AutotuneRange.Parse(Text("ipv4/tcp_rmem")));
    }

    static long Number(string text) => long.Parse(text.Trim(), CultureInfo.InvariantCulture);

    /// <summary>One line, as sysctl names them.</summary>
    public override string ToString() =>
        $"net.core.wmem_max = {WmemMax}, net.core.rmem_max = {RmemMax}; net.ipv4.tcp_wmem = {TcpWmem}; net.ipv4.tcp_rmem = {TcpRmem}";
}
