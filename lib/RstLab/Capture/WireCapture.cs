using RstLab.Packets;

namespace RstLab.Capture;

/// <summary>The packets of one experiment: captured live where permitted, else the experiment's recording from <c>data/</c>, with a sentence saying which and why.</summary>
public sealed class WireCapture : IDisposable
{
    readonly LiveCapture? _live;
    readonly Recording? _recording;
    readonly int _serverPort;
    IReadOnlyList<Frame>? _final;

    WireCapture(string name, LiveCapture? live, Recording? recording, string? unavailable, int serverPort)
    {
        Name = name;
        _live = live;
        _recording = recording;
        _serverPort = serverPort;
        Unavailable = unavailable;
    }

    /// <summary>The recording name of this experiment, e.g. <c>01-refused</c>.</summary>
    public string Name { get; }

    /// <summary>True when these are live packets from this run.</summary>
    public bool IsLive => _live is not null;

    /// <summary>Why live capture is not running (and what to do), or null when it is.</summary>
    public string? Unavailable { get; }

    /// <summary>Starts capturing TCP on <paramref name="ports"/> (the first is the server's) on <paramref name="device"/>, or falls back to the recording named <paramref name="name"/>.</summary>
    /// <param name="name">Recording name, e.g. <c>01-refused</c>.</param>
    /// <param name="device">Capture device (default <c>lo</c>).</param>
    /// <param name="open">Opens the live capture; namespaces pass one that runs on their own thread.</param>
    /// <param name="ports">The experiment's ports; the first is the server's.</param>
    public static WireCapture Start(string name, string device, Func<Func<LiveCapture>, LiveCapture>? open, params int[] ports)
    {
        Recordings.ValidateName(name);
        Guard.NotBlank(device);
        Guard.Ports(ports);
        try
        {
            LiveCapture Begin() => LiveCapture.Start(device, ports);
            var live = open is null ? Begin() : open(Begin);
            return new WireCapture(name, live, null, null, ports[0]);
        }
        catch (CaptureUnavailableException e)
        {
            return new WireCapture(name, null, Recordings.Load(name), e.Message, ports[0]);
        }
    }

    /// <summary>The recording named <paramref name="name"/>, shown because the live experiment could not capture: <paramref name="reason"/> says why.</summary>
    public static WireCapture Recorded(string name, string reason)
    {
        Recordings.ValidateName(name);
        Guard.NotBlank(reason);
        return new(name, null, Recordings.Load(name), reason, 0);
    }

    /// <summary>The captured frames; for a live capture, read once late segments have settled.</summary>
    public IReadOnlyList<Frame> Frames => _final ?? Current();

    /// <summary>The packets as a table: live, or recorded with a note saying so.</summary>
    public PacketTable Packets => new(TcpSegment.From(Frames), Origin, _live is null ? _recording?.Note.ServerPort is int p and > 0 ? p : null : _serverPort);

    /// <summary>libpcap's received/dropped counters (null for a recording).</summary>
    public CaptureStatistics? Statistics => _live?.Statistics;

    /// <summary>One sentence: live (device, filter, drops) or recorded (kernel, date) and why.</summary>
    public string Origin => _live is not null
        ? $"Live capture on {_live.Device}{(_live.Namespace is { } ns ? $" in network namespace {ns}" : "")}, filter '{_live.Filter}'; libpcap dropped {_live.Statistics.Dropped} packets."
        : _recording is not null
            ? $"Recorded capture (kernel {_recording.Note.Kernel}, {_recording.Note.Recorded:yyyy-MM-dd}), shown because this part cannot run live here: {Unavailable}"
            : $"No packets to show: live capture is not available ({Unavailable}) and data/ has no recording named '{Name}'.";

    /// <summary>Waits (up to <paramref name="timeout"/>) until the capture holds a segment matching <paramref name="match"/>; false for a recording or on timeout.</summary>
    public bool WaitFor(Func<TcpSegment, bool> match, TimeSpan? timeout = null)
    {
        Guard.NotNull(match);
        if (timeout is TimeSpan t)
            Guard.Timeout(t, name: nameof(timeout));
        return _live is not null && _live.WaitFor(frames => TcpSegment.From(frames).Any(match), timeout ?? TimeSpan.FromSeconds(2));
    }

    /// <summary>Stops the capture once no segment has arrived for 50 ms (at most 1 s), then reads what libpcap buffered; saves it to <c>RSTLAB_RECORD</c> when that is set.</summary>
    public void Dispose()
    {
        if (_live is null || _final is not null)
            return;
        // A close's last ACK or a delayed ACK can leave the kernel after the cell's last call returned (softirq deferred
        // under load, delayed-ACK timer): wait for the wire to go quiet, as reading Frames mid-experiment does.
        _live.Settle(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
        _live.Stop();
        _final = _live.Frames;
        if (Environment.GetEnvironmentVariable(Recordings.RecordVariable) is { Length: > 0 } folder)
            Recordings.Save(Name, _final, _live.Filter, _serverPort, folder);
    }

    IReadOnlyList<Frame> Current()
    {
        if (_live is null)
            return _recording?.Frames ?? [];
        _live.Settle(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
        return _live.Frames;
    }
}
