using RstLab.Capture;

namespace RstLab.Tests;

/// <summary>Two captures of the same run compared frame by frame, in order: the library's frames found in tcpdump's byte for byte,
/// tcpdump's frames the library lacks, the library's frames tcpdump lacks, and how far their timestamps are apart.</summary>
sealed record FrameComparison(int Library, int Tcpdump, int Matched, int Extra, int SameMicrosecond, int WithinTolerance, TimeSpan LargestGap, string? FirstDifference)
{
    /// <summary>The tolerance on timestamps: each capture reads its own copy of the packet's time from the kernel.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    /// <summary>tcpdump's frames the library does not have.</summary>
    public int Missing => Tcpdump - Matched;

    /// <summary>True when both hold the same frames, in order, byte for byte, with timestamps within <see cref="Tolerance"/>.</summary>
    public bool Identical => Missing == 0 && Extra == 0 && WithinTolerance == Matched;

    /// <summary>Walks both in order; frames must be distinct within a run (the burst's are: each has its own sequence number).</summary>
    public static FrameComparison Of(IReadOnlyList<Frame> library, IReadOnlyList<Frame> tcpdump)
    {
        int matched = 0, extra = 0, micro = 0, close = 0, j = 0;
        var gap = TimeSpan.Zero;
        string? first = null;
        foreach (var a in library)
        {
            var k = j;
            while (k < tcpdump.Count && !a.Data.AsSpan().SequenceEqual(tcpdump[k].Data))
                k++;
            if (k == tcpdump.Count)
            {
                extra++;
                first ??= $"library frame {matched + extra} ({a.Data.Length} bytes, {a.Time:HH:mm:ss.ffffff}) is not in tcpdump's file";
                continue;
            }
            if (k > j)
                first ??= $"tcpdump frames {j + 1}..{k} are missing from the library's capture";
            var b = tcpdump[k];
            j = k + 1;
            matched++;
            var difference = (a.Time - b.Time).Duration();
            // tcpdump's file keeps microseconds; compare at that resolution.
            micro += a.Time.Ticks / 10 == b.Time.Ticks / 10 ? 1 : 0;
            close += difference <= Tolerance ? 1 : 0;
            gap = difference > gap ? difference : gap;
            if (difference > Tolerance)
                first ??= $"frame {k + 1}: times {a.Time:HH:mm:ss.ffffff} (library) vs {b.Time:HH:mm:ss.ffffff} (tcpdump)";
        }
        if (j < tcpdump.Count)
            first ??= $"tcpdump's last {tcpdump.Count - j} frames are missing from the library's capture";
        return new FrameComparison(library.Count, tcpdump.Count, matched, extra, micro, close, gap, first);
    }

    public override string ToString() =>
        $"{WithinTolerance}/{Math.Max(Library, Tcpdump)} frames identical (library {Library}, tcpdump {Tcpdump}; " +
        $"{Matched} in both byte for byte, {Missing} only in tcpdump's file, {Extra} only in the library's); timestamps: {SameMicrosecond} equal to the microsecond, " +
        $"{WithinTolerance} within {Tolerance.TotalMilliseconds:0} ms, largest gap {LargestGap.TotalMicroseconds:0} µs" +
        (FirstDifference is null ? "" : $"; first difference: {FirstDifference}");
}
