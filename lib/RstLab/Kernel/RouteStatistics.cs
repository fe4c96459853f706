using System.Globalization;

namespace RstLab.Kernel;

/// <summary>The IPv4 routing statistics in <c>/proc/net/stat/rt_cache</c> (one line of hex counters per CPU), summed over CPUs.</summary>
public static class RouteStatistics
{
    /// <summary>IPv4 packets dropped on input because their destination was not acceptable there ("martian"), e.g. 127.0.0.1 arriving from outside the kernel's own sending path; for the calling thread's namespace.</summary>
    public static long MartianDestinations() => ReadFile("/proc/thread-self/net/stat/rt_cache", "in_martian_dst");

    /// <summary>One column of an <c>rt_cache</c> file, summed over its per-CPU lines.</summary>
    public static long Read(string path, string column) => ReadFile(Guard.ExistingFile(path, "rt_cache file"), Guard.NotBlank(column));

    static long ReadFile(string path, string column)
    {
        if (!File.Exists(path))
            throw new PlatformNotSupportedException($"Routing statistics need Linux's {path}; this system has none.");
        return Sum(File.ReadAllText(path), column);
    }

    /// <summary>Sums the hex column <paramref name="column"/> over the per-CPU lines of an <c>rt_cache</c> text.</summary>
    public static long Sum(string text, string column)
    {
        Guard.NotNull(text);
        Guard.NotBlank(column);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
            throw new FormatException("An rt_cache file starts with a header line; this text is empty.");
        var index = Array.IndexOf(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), column);
        if (index < 0)
            throw new KeyNotFoundException($"rt_cache has no column '{column}'; it has: {lines[0]}");
        return lines.Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Sum(f => long.Parse(f[index], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
