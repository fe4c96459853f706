namespace RstLab.Capture;

/// <summary>A capture file the lab cannot read: empty, truncated, damaged, or not a classic pcap; the message names the file, the problem and the fix.</summary>
/// <remarks>An <see cref="IOException"/>: the file could be read, but not understood.</remarks>
public sealed class PcapFormatException(string message, Exception? inner = null) : IOException(message, inner)
{
    /// <summary>Only the message: a notebook shows an exception's ToString, and a stack trace would bury the one sentence that matters.</summary>
    public override string ToString() => Message;
}
