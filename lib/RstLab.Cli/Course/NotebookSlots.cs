using System.Diagnostics;

namespace RstLab.Cli.Course;

/// <summary>Lets notebooks start in the order they asked: <paramref name="jobs"/> at once and, given <paramref name="idleCores"/>, one more whenever half a
/// core stood idle over the last second, since a notebook often waits on the network's timers (05 and 06 wait half a minute for a NAT to forget).</summary>
/// <param name="jobs">How many notebooks always may run at once.</param>
/// <param name="idleCores">How many cores stood idle over the last second (<see cref="IdleCores.Read"/>); null: never more than <paramref name="jobs"/>.</param>
public sealed class NotebookSlots(int jobs, Func<double?>? idleCores = null) : IDisposable
{
    /// <summary>How often a waiting notebook's chance is looked at again.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>The least time between a start and one more beyond the slots: a kernel's start takes a second before its CPU shows.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);

    readonly Lock _gate = new();
    readonly Queue<TaskCompletionSource> _waiting = new();
    readonly CancellationTokenSource _ended = new();
    readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    Task? _watch;
    int _running;

    /// <summary>The most notebooks that ran at once.</summary>
    public int MostAtOnce { get; private set; }

    /// <summary>Waits for this notebook's turn; disposing the slot lets the next one start.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancel)
    {
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting.Enqueue(turn);
            Admit();
            if (idleCores is not null && _waiting.Count > 0)
                _watch ??= WatchAsync();
        }
        using (cancel.Register(() => turn.TrySetCanceled(cancel)))
            await turn.Task;
        return new Slot(this);
    }

    // Under the gate: starts the first waiting notebooks while there is a free slot; a cancelled waiter is passed over.
    void Admit(bool extra = false)
    {
        while (_waiting.TryPeek(out var next) && (_running < jobs || extra))
        {
            _waiting.Dequeue();
            if (!next.TrySetResult())
                continue;
            _running++;
            MostAtOnce = Math.Max(MostAtOnce, _running);
            _sinceStart.Restart();
            extra = false;
        }
    }

    // While notebooks wait: one more starts when a core stood idle for a second and no notebook started in the last second.
    async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(Poll);
        var ended = _ended.Token;   // read once: Dispose disposes its source
        try
        {
            while (await timer.WaitForNextTickAsync(ended))
            {
                var idle = idleCores!();
                lock (_gate)
                    if (MayAddOne(_waiting.Count, idle, _sinceStart.Elapsed))
                        Admit(extra: true);
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    /// <summary>How many cores must have stood idle over the last second for one more notebook to start.</summary>
    public const double IdleEnough = 0.5;

    /// <summary>Whether one more notebook may start beyond the slots: some wait, <see cref="IdleEnough"/> cores stood idle over the last second and none started in that second.</summary>
    public static bool MayAddOne(int waiting, double? idleCores, TimeSpan sinceLastStart) =>
        waiting > 0 && idleCores >= IdleEnough && sinceLastStart >= Spacing;

    void Leave()
    {
        lock (_gate)
        {
            _running--;
            Admit();
        }
    }

    /// <summary>Stops watching the cores.</summary>
    public void Dispose()
    {
        _ended.Cancel();
        _ended.Dispose();
    }

    sealed class Slot(NotebookSlots slots) : IDisposable
    {
        int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
                slots.Leave();
        }
    }
}

/// <summary>The machine's idle cores, from the idle time <c>/proc/stat</c> counts: each <see cref="Read"/> covers the time since the reading a second or more before it.</summary>
public sealed class IdleCores
{
    readonly Queue<(long At, ulong Idle, ulong Total)> _readings = new();
    readonly Func<string?> _stat;

    /// <summary>Reads the machine's <c>/proc/stat</c>.</summary>
    public IdleCores() : this(() => File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").FirstOrDefault() : null) { }

    /// <summary>Reads the first line of a <c>/proc/stat</c> from <paramref name="stat"/>.</summary>
    public IdleCores(Func<string?> stat) => _stat = stat;

    /// <summary>How many cores stood idle since the reading at least a second before this one; null until there is one, or where <c>/proc/stat</c> cannot be read.</summary>
    public double? Read()
    {
        if (Parse(_stat()) is not { } now)
            return null;
        var at = Stopwatch.GetTimestamp();
        _readings.Enqueue((at, now.Idle, now.Total));
        (long At, ulong Idle, ulong Total)? window = null;
        while (_readings.Count > 1 && Stopwatch.GetElapsedTime(_readings.Peek().At, at) >= TimeSpan.FromSeconds(1))
            window = _readings.Dequeue();
        if (window is not { } then || now.Total <= then.Total)
            return null;
        return Environment.ProcessorCount * (double)(now.Idle - then.Idle) / (now.Total - then.Total);
    }

    /// <summary>The idle (idle and iowait) and total ticks of <c>/proc/stat</c>'s <c>cpu</c> line; null for anything else.</summary>
    public static (ulong Idle, ulong Total)? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: > 5 } || fields[0] != "cpu")
            return null;
        ulong total = 0;
        var ticks = new ulong[fields.Length - 1];
        for (var i = 1; i < fields.Length; i++)
        {
            if (!ulong.TryParse(fields[i], out ticks[i - 1]))
                return null;
            if (i <= 8)   // user … steal; guest time is counted in user already
                total += ticks[i - 1];
        }
        return (ticks[3] + ticks[4], total);
    }
}
