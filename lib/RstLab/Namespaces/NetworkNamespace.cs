using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using RstLab.Kernel;

namespace RstLab.Namespaces;

/// <summary>A private Linux network namespace the lab creates (named <c>rstlab-PID-N</c>) with its own loopback, counters and sysctls; deleted on dispose or process exit.</summary>
/// <remarks>Work runs on one dedicated thread that has joined the namespace, so sockets and captures opened there live inside it.</remarks>
public sealed class NetworkNamespace : IDisposable
{
    /// <summary>Prefix of every namespace the lab creates; stale ones from killed runs are removed at the next start.</summary>
    public const string Prefix = "rstlab-";
    const int CloneNewNet = 0x40000000;
    static int _counter;
    static readonly ConcurrentDictionary<string, NetworkNamespace> Alive = new();
    readonly BlockingCollection<Action> _work = [];
    readonly Thread _thread;
    bool _disposed;

    static NetworkNamespace() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var ns in Alive.Values) ns.Dispose();
    };

    NetworkNamespace(string name)
    {
        Name = name;
        var joined = new TaskCompletionSource();
        _thread = new Thread(() => Serve(joined)) { IsBackground = true, Name = name };
        _thread.Start();
        joined.Task.GetAwaiter().GetResult();
    }

    /// <summary>The lab namespace the calling thread is in (a namespace's own thread), or null for the machine's own.</summary>
    public static string? Current => _current;
    [ThreadStatic] static string? _current;

    /// <summary>The namespace's name, as <c>ip netns list</c> shows it.</summary>
    public string Name { get; }

    /// <summary>Creates a namespace with loopback up; needs root (CAP_SYS_ADMIN).</summary>
    /// <exception cref="NamespaceUnavailableException">This user or system cannot create network namespaces; the message says what to do.</exception>
    public static NetworkNamespace Create()
    {
        if (!OperatingSystem.IsLinux())
            throw new NamespaceUnavailableException("Network namespaces exist only on Linux.");
        RemoveStale();
        var name = $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        Ip($"netns add {name}");
        try
        {
            Ip($"-n {name} link set lo up");
            var ns = new NetworkNamespace(name);
            Alive[name] = ns;
            return ns;
        }
        catch
        {
            TryIp($"netns del {name}");
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/> inside the namespace and returns its result (exceptions pass through).</summary>
    public T Run<T>(Func<T> action, TimeSpan? timeout = null)
    {
        Guard.NotNull(action);
        var wait = Guard.Timeout(timeout ?? TimeSpan.FromSeconds(60), name: nameof(timeout));
        ObjectDisposedException.ThrowIf(_disposed, this);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { done.SetResult(action()); }
            catch (Exception e) { done.SetException(e); }
        });
        // Wait on the handle, not Task.Wait: that would wrap the action's own exception in an AggregateException.
        if (!((IAsyncResult)done.Task).AsyncWaitHandle.WaitOne(wait))
            throw new TimeoutException($"Work inside namespace {Name} did not finish within {wait.TotalSeconds:0} s.");
        return done.Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="action"/> inside the namespace.</summary>
    public void Run(Action action, TimeSpan? timeout = null)
    {
        Guard.NotNull(action);
        Run(() => { action(); return 0; }, timeout);
    }

    /// <summary>Sets a sysctl of this namespace only, e.g. <c>net.ipv4.tcp_abort_on_overflow</c> = <c>1</c>.</summary>
    public void Sysctl(string key, string value)
    {
        Guard.NotBlank(key);
        Guard.NotNull(value);
        if (!key.StartsWith("net.", StringComparison.Ordinal) || key.Contains(".."))
            throw new LabArgumentException($"Only per-namespace net.* sysctls can be set here, not '{key}'.", nameof(key));
        Run(() => File.WriteAllText("/proc/sys/" + key.Replace('.', '/'), value));
    }

    /// <summary>Runs <c>nft COMMAND</c> in this namespace: its rules and connection tracking belong to it and die with it.</summary>
    /// <exception cref="NamespaceUnavailableException">nft is missing or refused the command; the message says why.</exception>
    public void Nft(string command)
    {
        Guard.NotBlank(command);
        if (!File.Exists("/usr/sbin/nft") && !File.Exists("/sbin/nft") && !File.Exists("/usr/bin/nft"))
            throw new NamespaceUnavailableException("The 'nft' command is missing: install nftables (./lab setup, or sudo apt-get install nftables).");
        Ip($"netns exec {Name} nft {command}");
    }

    /// <summary>Reads a sysctl of this namespace.</summary>
    public string ReadSysctl(string key)
    {
        Guard.NotBlank(key);
        return Run(() => File.ReadAllText("/proc/sys/" + key.Replace('.', '/')).Trim());
    }

    /// <summary>This namespace's own TCP counters now (each namespace counts only its own traffic).</summary>
    public CounterSnapshot Counters() => Run(CounterSnapshot.Take);

    /// <summary>Names of lab namespaces that exist now.</summary>
    public static IReadOnlyList<string> List() =>
        Directory.Exists("/run/netns")
            ? Directory.GetFiles("/run/netns", Prefix + "*").Select(Path.GetFileName).OfType<string>().Order().ToList()
            : [];

    /// <summary>Deletes lab namespaces whose creating process is gone (left by a killed kernel or test run).</summary>
    public static IReadOnlyList<string> RemoveStale()
    {
        var removed = new List<string>();
        foreach (var name in List())
        {
            var parts = name[Prefix.Length..].Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], out var pid) && !IsRunning(pid) && TryIp($"netns del {name}"))
                removed.Add(name);
        }
        return removed;
    }

    // A killed process that its parent has not reaped yet (a zombie) still has /proc/PID, but it will never clean up.
    static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }

    /// <summary>Deletes the namespace (sockets still open inside it keep it alive until they close).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Alive.TryRemove(Name, out _);
        _work.CompleteAdding();
        TryIp($"netns del {Name}");
    }

    void Serve(TaskCompletionSource joined)
    {
        try
        {
            using var handle = File.OpenHandle($"/run/netns/{Name}");
            if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                throw new NamespaceUnavailableException($"Could not join namespace {Name} (errno {Marshal.GetLastPInvokeError()}); run as root.");
            _current = Name;
        }
        catch (Exception e)
        {
            joined.SetException(e);
            return;
        }
        joined.SetResult();
        foreach (var work in _work.GetConsumingEnumerable())
            work();
    }

    /// <summary>Runs <c>ip</c> and returns what it printed; throws with its own words when it fails.</summary>
    internal static string Ip(string arguments)
    {
        var (code, output, error) = RunIp(arguments);
        if (code != 0)
            throw new NamespaceUnavailableException(
                error.Contains("Operation not permitted", StringComparison.Ordinal) || error.Contains("Permission denied", StringComparison.Ordinal)
                    ? $"Creating a network namespace needs root (CAP_SYS_ADMIN): 'ip {arguments}' said: {error.Trim()}. Capabilities set on dotnet do not reach the ip command, so run the course as root to see this part live: sudo ./lab run"
                    : $"'ip {arguments}' failed: {error.Trim()}");
        return output;
    }

    static bool TryIp(string arguments) => RunIp(arguments).Code == 0;

    static ToolResult RunIp(string arguments) =>
        Tool.Run("ip", arguments, TimeSpan.FromSeconds(10))
        ?? throw new NamespaceUnavailableException("The 'ip' command is missing: install iproute2 (sudo apt-get install iproute2).");

    [DllImport("libc", SetLastError = true)]
    static extern int setns(int fd, int nstype);
}

/// <summary>Network namespaces cannot be created here; the message says why and what to do.</summary>
public sealed class NamespaceUnavailableException(string message) : Exception(message);
