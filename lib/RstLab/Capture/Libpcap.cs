using System.Runtime.InteropServices;
using SharpPcap.LibPcap;

namespace RstLab.Capture;

/// <summary>The two libpcap calls SharpPcap 6.3.1 gets wrong or does not offer: <c>pcap_stats</c> with its real layout, and <c>pcap_breakloop</c>.</summary>
/// <remarks>SharpPcap 6.3.1 reads <c>struct pcap_stat</c> on Unix as three pointer-sized fields, so on 64-bit Linux its dropped count
/// is really <c>ps_ifdrop</c> and the real <c>ps_drop</c> is cut off: a burst that overflowed the buffer showed 0 drops (measured).</remarks>
static class Libpcap
{
    static readonly string[] Names = ["libpcap.so.0.8", "libpcap.so.1", "libpcap.so", "libpcap.dylib"];
    static readonly Lazy<PcapStats?> Function = new(() => Load<PcapStats>("pcap_stats"));
    static readonly Lazy<PcapBreakLoop?> BreakLoopFunction = new(() => Load<PcapBreakLoop>("pcap_breakloop"));

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate int PcapStats(IntPtr pcap, out Counters counters);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void PcapBreakLoop(IntPtr pcap);

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

    /// <summary>Wakes a read blocked on <paramref name="device"/> (libpcap 1.10 wakes its poll); the read returns "broken off".</summary>
    public static void BreakLoop(LibPcapLiveDevice device)
    {
        if (BreakLoopFunction.Value is not { } breakLoop || !device.Opened)
            return;
        var handle = device.Handle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            breakLoop(handle.DangerousGetHandle());
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    static T? Load<T>(string function) where T : Delegate
    {
        foreach (var name in Names)
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, function, out var address))
                return Marshal.GetDelegateForFunctionPointer<T>(address);
        return null;
    }
}
