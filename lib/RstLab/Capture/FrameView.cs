namespace RstLab.Capture;

/// <summary>One frame as a <see cref="CaptureReader"/> hands it out: its bytes live in the reader's buffer until the next read.</summary>
public readonly ref struct FrameView
{
    internal FrameView(long number, DateTimeOffset time, LinkType link, ReadOnlySpan<byte> data, int originalLength)
    {
        Number = number;
        Time = time;
        Link = link;
        Data = data;
        OriginalLength = originalLength;
    }

    /// <summary>1-based position in the file.</summary>
    public long Number { get; }

    /// <summary>When it was captured.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Its link-layer type.</summary>
    public LinkType Link { get; }

    /// <summary>The captured bytes (fewer than <see cref="OriginalLength"/> when the snap length cut the frame), valid until the reader's next read.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Its length on the wire.</summary>
    public int OriginalLength { get; }
}
