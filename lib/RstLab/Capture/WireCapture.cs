using RstLab.Packets;
using RstLab.Tracing;

namespace RstLab.Capture;

/// <summary>The packets of one experiment: captured live where permitted, else the experiment's recording from <c>data/</c>, with a sentence saying which and why;
/// live, the kernel's reset reasons are traced beside them where tracing is permitted (<see cref="ResetTrace"/>).</summary>
public sealed class WireCapture : IDisposable
{
    readonly LiveCapture? _live;
    readonly Recording? _recording;
    readonly int _serverPort;
    readonly ResetTrace? _trace;
    IReadOnlyList<Frame>? _final;
    IReadOnlyList<ResetEvent>? _finalResets;

    WireCapture(string name, LiveCapture? live, Recording? recording, string? unavailable, int serverPort, ResetTrace? trace = null, string? traceUnavailable = null)
    {
        Name = name;
        _live = live;
        _recording = recording;
        _serverPort = serverPort;
        _trace = trace;
        Unavailable = unavailable;
        TraceUnavailable = live is not null ? traceUnavailable
            : recording is null ? "No reset reasons to show either."
            : recording.Note.Resets is null ? "This recording holds no traced reset reasons (it was recorded without tracing)." : null;
    }

    /// <summary>The recording name of this experiment, e.g. <c>01-refused</c>.</summary>
    public string Name { get; }

    /// <summary>True when these are live packets from this run.</summary>
    public bool IsLive => _live is not null;

    /// <summary>Why live capture is not running (and what to do), or null when it is.</summary>
    public string? Unavailable { get; }

    /// <summary>Why the kernel's reset reasons are not shown (one sentence, with what to do), or null when they are: traced live, or kept in the recording.</summary>
    public string? TraceUnavailable { get; }

    /// <summary>True when the kernel's reset reasons are shown: traced in this run, or traced when the recording was made.</summary>
    public bool IsTraced => TraceUnavailable is null;

    /// <summary>The resets the kernel traced on the experiment's ports (sent and received); empty when not traced.</summary>
    public IReadOnlyList<ResetEvent> Resets => _live is null ? _recording?.Note.Resets ?? [] : _finalResets ?? _trace?.Read() ?? [];

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
        // Tracing first, so the trace is on before the first packet; tracefs is not per namespace, so it starts here, not in open.
        ResetTrace? trace = null;
        string? traceUnavailable = null;
        try
        {
            trace = ResetTrace.Start(ports);
        }
        catch (TraceUnavailableException e)
        {
            traceUnavailable = e.Message;
        }
        try
        {
            LiveCapture Begin() => LiveCapture.Start(device, ports);
            var live = open is null ? Begin() : open(Begin);
            return new WireCapture(name, live, null, null, ports[0], trace, traceUnavailable);
        }
        catch (CaptureUnavailableException e)
        {
            trace?.Dispose();
            return new WireCapture(name, null, Recordings.Load(name), e.Message, ports[0]);
        }
        catch
        {
            trace?.Dispose();
            throw;
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
    public PacketTable Packets => new(TcpSegment.From(Frames), Origin, _live is null ? _recording?.Note.ServerPort is int p and > 0 ? p : null : _serverPort, Resets);

    /// <summary>libpcap's received/dropped counters (null for a recording).</summary>
    public CaptureStatistics? Statistics => _live?.Statistics;

    /// <summary>One sentence: live (device, filter, drops) or recorded (kernel, date) and why; then one on the kernel's reset reasons.</summary>
    public string Origin => Sentence(Source) + " " + (TraceUnavailable ?? (_live is null
        ? "The kernel's reset reasons shown are those it traced when this was recorded."
        : "The kernel's reset reasons are traced (tcp:tcp_send_reset)."));

    // A reason from elsewhere may end without a full stop (a test's, or one ending in a shell command).
    static string Sentence(string text) => char.IsLetterOrDigit(text[^1]) || text[^1] == ')' ? text + "." : text;

    string Source => _live is not null
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
        try
        {
            _live.Stop();
            _final = _live.Frames;
            _finalResets = _trace?.Read();
        }
        finally
        {
            _trace?.Dispose();
        }
        if (Environment.GetEnvironmentVariable(Recordings.RecordVariable) is { Length: > 0 } folder)
            Recordings.Save(Name, _final, _live.Filter, _serverPort, folder, _finalResets);
    }

    IReadOnlyList<Frame> Current()
    {
        if (_live is null)
            return _recording?.Frames ?? [];
        _live.Settle(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
        return _live.Frames;
    }
}
