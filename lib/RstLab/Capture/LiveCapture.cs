using System.Runtime.InteropServices;
using SharpPcap;
using SharpPcap.LibPcap;

namespace RstLab.Capture;

/// <summary>A libpcap capture on one device, filtered to the experiment's TCP ports; frames are copied out as <see cref="Frame"/>s.</summary>
public sealed class LiveCapture : IDisposable
{
    readonly LibPcapLiveDevice _device;
    readonly List<Frame> _frames = [];
    readonly Lock _lock = new();
    CaptureStatistics _lastStatistics = new(0, 0, 0);
    Thread? _reader;
    volatile bool _stopRequested;
    Exception? _readerFailure;
    LinkType _linkType;
    bool _stopped;

    LiveCapture(LibPcapLiveDevice device, string filter, int bufferBytes)
    {
        _device = device;
        Filter = filter;
        BufferBytes = bufferBytes;
    }

    /// <summary>The device captured on, e.g. <c>lo</c>.</summary>
    public string Device => _device.Name;

    /// <summary>The lab network namespace the capture runs in, or null for the machine's own.</summary>
    public string? Namespace { get; } = Namespaces.NetworkNamespace.Current;

    /// <summary>The BPF filter in force, e.g. <c>tcp port 40000</c>.</summary>
    public string Filter { get; }

    /// <summary>The size of libpcap's capture buffer in bytes.</summary>
    public int BufferBytes { get; }

    /// <summary>The capture buffer unless a caller asks for another: 32 MiB. libpcap's 2 MiB default holds only about 15 packets on
    /// <c>lo</c> (64 KiB slots, each packet seen leaving and arriving), so a reader delayed a few milliseconds on a busy machine
    /// lost frames; 32 MiB holds about 240.</summary>
    public const int DefaultBufferBytes = 32 << 20;

    /// <summary>Opens <paramref name="device"/> and starts capturing TCP on <paramref name="ports"/> only; the capture is running when this returns.</summary>
    /// <exception cref="CaptureUnavailableException">libpcap is missing, the device does not exist, or capture is not permitted.</exception>
    public static LiveCapture Start(string device, params int[] ports) => Start(device, ports, DefaultBufferBytes);

    /// <summary>Like <see cref="Start(string, int[])"/>, with a capture buffer of <paramref name="bufferBytes"/> (64 KiB to 1 GiB): a burst that outruns the reader is dropped once the buffer is full.</summary>
    /// <exception cref="CaptureUnavailableException">libpcap is missing, the device does not exist, or capture is not permitted.</exception>
    public static LiveCapture Start(string device, IReadOnlyCollection<int> ports, int bufferBytes)
    {
        Guard.NotBlank(device);
        var filter = FilterFor(Guard.Ports(ports));
        Guard.InRange(bufferBytes, 64 << 10, 1 << 30, "A smaller buffer holds less than one 64 KiB loopback frame; a larger one is memory the kernel pins for nothing.");
        var found = Find(device, "nothing can be captured");
        var capture = new LiveCapture(found, filter, bufferBytes);
        try
        {
            found.Open(new DeviceConfiguration { Mode = DeviceModes.None, ReadTimeout = 20, Immediate = true, Snaplen = 262144, BufferSize = bufferBytes });
        }
        catch (PcapException e)
        {
            throw new CaptureUnavailableException(CaptureProblem.NotPermitted, NotPermittedMessage(device, e.Message), e);
        }
        try
        {
            found.Filter = filter;
        }
        catch
        {
            found.Close();
            throw;
        }
        capture._linkType = (LinkType)found.LinkType;
        // From here the kernel queues every matching frame for this handle; one reader thread empties the queue.
        capture._reader = new Thread(capture.Read) { IsBackground = true, Name = $"rstlab capture on {device}" };
        capture._reader.Start();
        return capture;
    }

    /// <summary>The BPF filter for a set of ports: TCP to or from any of them.</summary>
    public static string FilterFor(IReadOnlyCollection<int> ports)
    {
        Guard.Ports(ports);
        return "tcp and (" + string.Join(" or ", ports.Distinct().Order().Select(p => $"port {p}")) + ")";
    }

    /// <summary>The frames captured so far, in arrival order.</summary>
    public IReadOnlyList<Frame> Frames
    {
        get { lock (_lock) return [.. _frames]; }
    }

    /// <summary>libpcap's counters: packets received by the filter and dropped.</summary>
    /// <remarks>On <c>lo</c> the kernel hands libpcap each packet twice, leaving and arriving, and libpcap keeps only the arriving copy:
    /// Received counts both, and Dropped counts either copy lost for want of buffer space.</remarks>
    public CaptureStatistics Statistics
    {
        get
        {
            try
            {
                return Libpcap.Read(_device) ?? _lastStatistics;
            }
            catch (Exception e) when (e is PcapException or DeviceNotReadyException or InvalidOperationException or ObjectDisposedException)
            {
                return _lastStatistics;
            }
        }
    }

    /// <summary>Waits until the frames captured so far satisfy <paramref name="done"/>, or the timeout passes; returns whether they did.</summary>
    public bool WaitFor(Func<IReadOnlyList<Frame>, bool> done, TimeSpan timeout)
    {
        Guard.NotNull(done);
        Guard.Timeout(timeout);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (done(Frames)) return true;
            if (DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(5);
        }
    }

    /// <summary>Waits until no frame has arrived for <paramref name="quiet"/> (at most <paramref name="limit"/>), so late segments are not missed.</summary>
    public void Settle(TimeSpan quiet, TimeSpan limit)
    {
        Guard.Timeout(quiet);
        Guard.Timeout(limit);
        var deadline = DateTime.UtcNow + limit;
        var count = -1;
        while (DateTime.UtcNow < deadline)
        {
            var now = Frames.Count;
            if (now == count) return;
            count = now;
            Thread.Sleep(quiet);
        }
    }

    /// <summary>Stops capturing once every frame sent before the call has been read, and releases the device; safe to call more than once.</summary>
    /// <exception cref="InvalidOperationException">The capture could not read to the end: its frames may be incomplete (the message says why).</exception>
    public void Stop()
    {
        lock (_lock)
        {
            if (_stopped) return;
            _stopped = true;
        }
        _stopRequested = true;
        Libpcap.BreakLoop(_device);   // a read waiting for the next frame returns now
        var ended = _reader?.Join(TimeSpan.FromSeconds(5)) ?? true;
        _lastStatistics = Statistics;
        // Closing the handle under a reader that is still inside libpcap would free memory it reads; leave it to the finalizer then.
        if (ended)
            _device.Close();
        if (!ended || _readerFailure is not null)
            throw new CaptureIncompleteException($"The capture on {Device} could not read to the end ({(ended ? _readerFailure!.Message : "its reader did not finish within 5 s")}), " +
                "so its packet table may miss frames. Run the cell again.");
    }

    /// <summary>Stops the capture.</summary>
    public void Dispose() => Stop();

    // The only reader of the handle (SharpPcap's own capture thread is not used: its StopCapture gives up after 1 s and lets that
    // thread read on, and its task holds a thread-pool thread). On loopback a frame is queued before the sending call returns, so
    // once a stop is requested the reader empties the queue without waiting and ends: every frame sent before Stop() is read.
    void Read()
    {
        try
        {
            IntPtr header = IntPtr.Zero, data = IntPtr.Zero;
            var draining = false;
            while (true)
            {
                if (_stopRequested && !draining)
                {
                    _device.NonBlockingMode = true;   // from now on an empty queue answers at once
                    draining = true;
                }
                var status = _device.GetNextPacketPointers(ref header, ref data);
                if (status == 1)
                    Add(header, data);
                else if (status == -2)
                    continue;   // woken by Stop(): drain without blocking
                else if (status < 0 || draining)
                    return;     // an error, or the queue is empty after the stop request
            }
        }
        catch (Exception e)
        {
            // An exception on this thread would end the whole kernel: keep it for Stop() to report.
            _readerFailure = e;
        }
    }

    // struct pcap_pkthdr on 64-bit Linux: struct timeval { long tv_sec; long tv_usec; }, then bpf_u_int32 caplen and len.
    void Add(IntPtr header, IntPtr data)
    {
        var seconds = Marshal.ReadInt64(header);
        var microseconds = Marshal.ReadInt64(header, 8);
        var length = Marshal.ReadInt32(header, 16);
        var bytes = new byte[length];
        Marshal.Copy(data, bytes, 0, length);
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
        lock (_lock) _frames.Add(new Frame(time, bytes, _linkType));
    }

    /// <summary>libpcap's handle for <paramref name="device"/>, not yet opened; <paramref name="consequence"/> ends the message when libpcap is missing.</summary>
    internal static LibPcapLiveDevice Find(string device, string consequence)
    {
        LibPcapLiveDevice? found;
        try
        {
            found = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == device);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new CaptureUnavailableException(CaptureProblem.NoLibpcap,
                $"libpcap is not installed, so {consequence}. Install it: sudo apt-get install libpcap0.8", e);
        }
        return found ?? throw new CaptureUnavailableException(CaptureProblem.NoDevice, $"There is no network device named '{device}' here.");
    }

    /// <summary>What to do when capture, injection or TCP_REPAIR is not permitted: the one remedy every such message names.</summary>
    internal const string Remedy = "Run the kernel as root, or give yourself these rights once with ./lab setup --capture (cap_net_raw,cap_net_admin " +
        "on a copy of dotnet that only you can run; Jupyter's kernel and ./lab run then use it), then restart the kernel.";

    static string NotPermittedMessage(string device, string detail) =>
        $"Live capture on {device} is not permitted for this user ({detail.Trim()}). " + Remedy;
}

/// <summary>libpcap's capture counters.</summary>
/// <param name="Received">Packets that passed the filter.</param>
/// <param name="Dropped">Packets dropped because the buffer was full.</param>
/// <param name="InterfaceDropped">Packets the interface or driver dropped.</param>
public sealed record CaptureStatistics(uint Received, uint Dropped, uint InterfaceDropped);

/// <summary>Why live capture could not start.</summary>
public enum CaptureProblem
{
    /// <summary>libpcap could not be loaded.</summary>
    NoLibpcap,
    /// <summary>The named device does not exist.</summary>
    NoDevice,
    /// <summary>The user lacks CAP_NET_RAW (or root).</summary>
    NotPermitted,
}

/// <summary>Live capture cannot run here; <see cref="Exception.Message"/> says why and what to do.</summary>
public sealed class CaptureUnavailableException(CaptureProblem problem, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>What is missing.</summary>
    public CaptureProblem Problem { get; } = problem;
}

/// <summary>A live capture stopped without reading every frame; <see cref="Exception.Message"/> says why and what to do.</summary>
public sealed class CaptureIncompleteException(string message) : InvalidOperationException(message)
{
    /// <summary>Only the message: it says what to do, a stack trace would not.</summary>
    public override string ToString() => Message;
}
