using System.Runtime.InteropServices;
using SharpPcap.LibPcap;

namespace RstLab.Capture;

/// <summary>libpcap's <c>pcap_stats</c> read with its real layout (three 32-bit counters).</summary>
/// <remarks>SharpPcap 6.3.1 reads <c>struct pcap_stat</c> on Unix as three pointer-sized fields, so on 64-bit Linux its dropped count
/// is really <c>ps_ifdrop</c> and the real <c>ps_drop</c> is cut off: a burst that overflowed the buffer showed 0 drops (measured).</remarks>
static class LibpcapCounters
{
    static readonly string[] Names = ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so", "libpcap.dylib"];
    static readonly Lazy<PcapStats?> Function = new(Load);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate int PcapStats(IntPtr pcap, out Counters counters);

    [StructLayout(LayoutKind.Sequential)]
    struct Counters
    {
        public uint Received, Dropped, InterfaceDropped;
    }

    /// <summary>The counters of an open device, or null when libpcap cannot be asked (the caller keeps what it had).</summary>
    public static CaptureStatistics? Read(LibPcapLiveDevice device)
    {
        if (Function.Value is not { } stats || !device.Opened)
            return null;
        var handle = device.Handle;
        var added = false;
        try
        {
            // Keeps the handle open while libpcap reads it.
            handle.DangerousAddRef(ref added);
            return stats(handle.DangerousGetHandle(), out var c) == 0 ? new CaptureStatistics(c.Received, c.Dropped, c.InterfaceDropped) : null;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    static PcapStats? Load()
    {
        foreach (var name in Names)
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "pcap_stats", out var address))
                return Marshal.GetDelegateForFunctionPointer<PcapStats>(address);
        return null;
    }
}
