using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace RstLab.Cli.Course;

/// <summary>A headless Chromium driven over the DevTools protocol on its pipe (fds 3 and 4, NUL-terminated JSON): it listens on no address.
/// Disposing closes it, or kills it with its whole tree.</summary>
public sealed class DevToolsPipe : IAsyncDisposable
{
    /// <summary>The programs tried, in order: Chromium's headless shell, the same renderer without the browser around it (the course's eight
    /// screenshots came out the same to the byte for half the CPU, README's Benchmarks), else the browser.</summary>
    public static readonly IReadOnlyList<string> Browsers = ["chromium-headless-shell", "chromium"];

    sealed record EventWait(string Method, string? Session, TaskCompletionSource<JsonObject> Heard);

    readonly Process _process;
    readonly IReadOnlyList<string> _browsers;
    readonly Stream _commands;
    readonly SemaphoreSlim _writing = new(1, 1);
    readonly Lock _gate = new();
    readonly Dictionary<int, TaskCompletionSource<JsonObject>> _replies = [];
    readonly List<EventWait> _events = [];
    readonly Task _reader;
    int _lastId;
    Exception? _ended;

    DevToolsPipe(Process process, IReadOnlyList<string> browsers)
    {
        _process = process;
        _browsers = browsers;
        _commands = process.StandardInput.BaseStream;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Starts the first of <paramref name="browsers"/> (<see cref="Browsers"/> unless given) that is installed, with <paramref name="arguments"/> and <c>--remote-debugging-pipe</c>.</summary>
    public static DevToolsPipe Start(IEnumerable<string> arguments, IReadOnlyList<string>? browsers = null)
    {
        browsers ??= Browsers;
        // .NET's Process hands a child only fds 0-2. bash moves the two pipes .NET made to where Chromium looks for
        // them (our stdin pipe to fd 3, its commands; our stdout pipe to fd 4, its replies): no FIFO files to make and
        // remove, and exec leaves no shell of ours in between, so killing the process tree ends Chromium and its children.
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        const string script = "for program in $RSTLAB_BROWSERS; do command -v $program >/dev/null && " +
            "exec $program --remote-debugging-pipe \"$@\" 3<&0 4>&1 </dev/null >/dev/null 2>/dev/null; done; exit 127";
        start.Environment["RSTLAB_BROWSERS"] = string.Join(' ', browsers);
        foreach (var argument in (string[])["-c", script, "chromium", .. arguments])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        return new DevToolsPipe(process, browsers);
    }

    /// <summary>True once the browser has ended (or its pipe broke): every command fails from then on.</summary>
    public bool Ended
    {
        get
        {
            lock (_gate)
                return _ended is not null;
        }
    }

    /// <summary>Sends <paramref name="method"/> (to the target of <paramref name="session"/>, else to the browser) and returns its result.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, string? session = null, CancellationToken cancel = default)
    {
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_gate)
        {
            if (_ended is not null)
                throw _ended;
            id = ++_lastId;
            _replies[id] = reply;
        }
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (session is not null)
            message["sessionId"] = session;
        await _writing.WaitAsync(cancel);
        try
        {
            await _commands.WriteAsync(Encoding.UTF8.GetBytes(message.ToJsonString() + "\0"), cancel);
            await _commands.FlushAsync(cancel);
        }
        catch (IOException e)
        {
            // The pipe broke because the browser ended: the reader, at the pipe's end, says why (e.g. it is not installed).
            await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            lock (_gate)
                throw _ended ?? new InvalidOperationException("chromium ended", e);
        }
        finally
        {
            _writing.Release();
        }
        try
        {
            var answer = await reply.Task.WaitAsync(cancel);
            if (answer["error"] is JsonObject error)
                throw new InvalidOperationException($"{method} failed: {error["message"]?.GetValue<string>() ?? error.ToJsonString()}");
            return answer["result"] as JsonObject ?? [];
        }
        finally
        {
            lock (_gate)
                _replies.Remove(id);
        }
    }

    /// <summary>The next <paramref name="method"/> event (of <paramref name="session"/>'s target, else the browser's) from now on:
    /// call it before the command that causes the event.</summary>
    public Task<JsonObject> Next(string method, string? session, CancellationToken cancel)
    {
        var wait = new EventWait(method, session, new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_ended is not null)
                return Task.FromException<JsonObject>(_ended);
            _events.Add(wait);
        }
        return wait.Heard.Task.WaitAsync(cancel);
    }

    async Task ReadAsync()
    {
        var replies = _process.StandardOutput.BaseStream;
        var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await replies.ReadAsync(buffer)) > 0)
            {
                var start = 0;
                for (var end = Array.IndexOf(buffer, (byte)0, 0, read); end >= 0; end = Array.IndexOf(buffer, (byte)0, start, read - start))
                {
                    message.Write(buffer, start, end - start);
                    Dispatch(JsonNode.Parse(message.ToArray())!.AsObject());
                    message.SetLength(0);
                    start = end + 1;
                }
                message.Write(buffer, start, read - start);
            }
            await _process.WaitForExitAsync();
            // bash's exit code when exec finds no such program.
            End(new InvalidOperationException(_process.ExitCode == 127
                ? $"none of {string.Join(", ", _browsers)} is installed; ./lab setup --tests installs them"
                : $"chromium ended (exit code {_process.ExitCode})"));
        }
        catch (Exception e)
        {
            End(new InvalidOperationException($"chromium's DevTools pipe broke: {e.Message}", e));
        }
    }

    void Dispatch(JsonObject message)
    {
        TaskCompletionSource<JsonObject>? reply = null;
        List<EventWait> heard = [];
        lock (_gate)
        {
            if (message["id"] is { } id)
                _replies.TryGetValue(id.GetValue<int>(), out reply);
            else if (message["method"]?.GetValue<string>() is { } method)
            {
                var session = message["sessionId"]?.GetValue<string>();
                heard = _events.Where(w => w.Method == method && w.Session == session).ToList();
                _events.RemoveAll(heard.Contains);
            }
        }
        reply?.TrySetResult(message);
        var parameters = message["params"] as JsonObject ?? [];
        heard.ForEach(w => w.Heard.TrySetResult(parameters));
    }

    // Everything still waiting hears why, instead of waiting for ever.
    void End(Exception why)
    {
        List<TaskCompletionSource<JsonObject>> waiting;
        lock (_gate)
        {
            _ended ??= why;
            waiting = [.. _replies.Values, .. _events.Select(e => e.Heard)];
            _events.Clear();
        }
        waiting.ForEach(w => w.TrySetException(_ended));
    }

    /// <summary>Asks the browser to close, and kills it with its whole tree if it has not within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await SendAsync("Browser.close", cancel: closing.Token);
                await _process.WaitForExitAsync(closing.Token);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // It ended already, or does not answer: killed below.
            }
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            try
            {
                await _reader.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                // Killed, yet something still holds its pipe open: nothing of ours waits on it any more.
            }
        }
        finally
        {
            _process.Dispose();
            _writing.Dispose();
        }
    }
}
