using System.Globalization;

namespace RstLab.Kernel;

/// <summary>One of TCP's three-number buffer sysctls (<c>tcp_wmem</c>, <c>tcp_rmem</c>): the floor, the size a new socket starts with, and the ceiling autotuning may reach.</summary>
/// <param name="Min">Bytes guaranteed even under memory pressure.</param>
/// <param name="Initial">Bytes a new TCP socket starts with when the application sets no size.</param>
/// <param name="Max">Bytes autotuning may grow the buffer to (a size set with setsockopt turns autotuning off).</param>
public sealed record AutotuneRange(long Min, long Initial, long Max)
{
    /// <summary>Parses the sysctl's text, e.g. <c>"4096\t16384\t4194304"</c>.</summary>
    public static AutotuneRange Parse(string text)
    {
        Guard.NotNull(text);
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !parts.All(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw new FormatException($"Expected three numbers (min, initial, max), got '{text.Trim()}'.");
        var n = parts.Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new AutotuneRange(n[0], n[1], n[2]);
    }

    /// <summary>"min 4096, initial 16384, max 4194304".</summary>
    public override string ToString() => $"min {Min}, initial {Initial}, max {Max}";
}
