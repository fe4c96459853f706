using System.Runtime.InteropServices;

namespace RstLab.Tests;

/// <summary>A BPF filter compiled by libpcap itself (<c>pcap_compile</c> on a dead Ethernet handle) and run over frames offline: what the kernel would admit, without a device or root.</summary>
sealed class CompiledFilter : IDisposable
{
    const string Pcap = "libpcap.so.0.8";
    const int Ethernet = 1;
    readonly IntPtr _handle;
    readonly IntPtr _program = Marshal.AllocHGlobal(16);

    public CompiledFilter(string filter)
    {
        _handle = pcap_open_dead(Ethernet, 262144);
        if (pcap_compile(_handle, _program, filter, 1, 0xffffffff) != 0)
            throw new ArgumentException($"libpcap does not compile '{filter}': {Marshal.PtrToStringAnsi(pcap_geterr(_handle))}");
    }

    /// <summary>True when the filter admits <paramref name="frame"/>.</summary>
    public bool Admits(byte[] frame)
    {
        var header = new PacketHeader { CapturedLength = (uint)frame.Length, Length = (uint)frame.Length };
        return pcap_offline_filter(_program, ref header, frame) != 0;
    }

    public void Dispose()
    {
        pcap_freecode(_program);
        Marshal.FreeHGlobal(_program);
        pcap_close(_handle);
    }

    [StructLayout(LayoutKind.Sequential)]
    struct PacketHeader
    {
        public long Seconds;
        public long Microseconds;
        public uint CapturedLength;
        public uint Length;
    }

    [DllImport(Pcap)] static extern IntPtr pcap_open_dead(int linkType, int snapLength);
    [DllImport(Pcap)] static extern int pcap_compile(IntPtr handle, IntPtr program, string filter, int optimize, uint netmask);
    [DllImport(Pcap)] static extern int pcap_offline_filter(IntPtr program, ref PacketHeader header, byte[] data);
    [DllImport(Pcap)] static extern void pcap_freecode(IntPtr program);
    [DllImport(Pcap)] static extern void pcap_close(IntPtr handle);
    [DllImport(Pcap)] static extern IntPtr pcap_geterr(IntPtr handle);
}
