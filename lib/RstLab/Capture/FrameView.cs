namespace RstLab.Capture;

/// <summary>One frame as a <see cref="CaptureReader"/> hands it out: its bytes live in the reader's buffer until the next read.</summary>
/// <param name="number">1-based position in the file.</param>
/// <param name="time">When it was captured.</param>
/// <param name="link">Its link-layer type.</param>
/// <param name="data">The captured bytes (fewer than <paramref name="originalLength"/> when the snap length cut it).</param>
/// <param name="originalLength">Its length on the wire.</param>
public readonly ref struct FrameView(long number, DateTimeOffset time, LinkType link, ReadOnlySpan<byte> data, int originalLength)
{
    /// <summary>1-based position in the file.</summary>
    public long Number { get; } = number;

    /// <summary>When it was captured.</summary>
    public DateTimeOffset Time { get; } = time;

    /// <summary>Its link-layer type.</summary>
    public LinkType Link { get; } = link;

    /// <summary>The captured bytes, valid until the reader's next read.</summary>
    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>Its length on the wire.</summary>
    public int OriginalLength { get; } = originalLength;
}
