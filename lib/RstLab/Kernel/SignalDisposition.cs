using System.Globalization;

namespace RstLab.Kernel;

/// <summary>Which signals a process ignores, as the kernel reports it (<c>SigIgn</c> in <c>/proc/PID/status</c>).</summary>
public static class SignalDisposition
{
    /// <summary>SIGPIPE's number on Linux: the signal a write to a broken connection raises.</summary>
    public const int SigPipe = 13;

    /// <summary>True when process <paramref name="pid"/> (default: this one) ignores signal <paramref name="signal"/>.</summary>
    public static bool Ignores(int signal, int? pid = null)
    {
        Guard.InRange(signal, 1, 64, "Linux numbers its signals so; SIGPIPE is 13.");
        if (pid is int id)
            Guard.InRange(id, 1, int.MaxValue, "A process id is positive; pass null for this process.", nameof(pid));
        var path = $"/proc/{(pid is int p ? p.ToString(CultureInfo.InvariantCulture) : "self")}/status";
        if (!File.Exists(path))
            throw new PlatformNotSupportedException($"Signal dispositions need Linux's {path}; this system (or that process) has none.");
        return Ignores(signal, File.ReadAllText(path), path);
    }

    /// <summary>True when the <c>status</c> text's <c>SigIgn</c> mask has <paramref name="signal"/>'s bit set (bit n-1 for signal n).</summary>
    public static bool Ignores(int signal, string statusText, string source = "status")
    {
        Guard.NotNull(statusText);
        Guard.NotBlank(source);
        if (signal is < 1 or > 64)
            throw Guard.Fail(nameof(signal), $"signal must be 1–64 (Linux numbers its signals so; SIGPIPE is 13); got {signal}.");
        var line = statusText.Split('\n').FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))
            ?? throw new FormatException($"{source} has no SigIgn line.");
        var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (signal - 1))) != 0;
    }
}
