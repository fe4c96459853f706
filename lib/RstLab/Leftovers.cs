using System.Diagnostics;
using System.Globalization;
using RstLab.Namespaces;
using RstLab.Tracing;

namespace RstLab;

/// <summary>What a killed kernel leaves behind, removed at the next start: its network namespaces, trace instances, child processes that outlived it, and the .NET runtime's temp files of its process.</summary>
/// <remarks>
/// A SIGKILLed process runs no <c>finally</c> and no exit handler. The operating system still closes its sockets and captures
/// (a connection it had open ends with the kernel's own FIN or RST; TIME-WAIT that follows belongs to the kernel, not to a process),
/// but a named namespace is a mount in <c>/run/netns</c> that lives on, a child process is re-parented rather than ended, and the
/// runtime's diagnostic pipes in the temp folder stay. <see cref="Clean"/> removes those of processes that are gone.
/// </remarks>
/// <param name="Namespaces">Lab namespaces removed (their creating process was gone).</param>
/// <param name="Processes">Child processes ended because the kernel that started them was gone.</param>
/// <param name="TempFiles">Temp files of kernels that were killed (the runtime's debugger and diagnostics pipes).</param>
/// <param name="Pids">The processes that were gone and had left something, in order.</param>
public sealed record Leftovers(IReadOnlyList<string> Namespaces, IReadOnlyList<int> Processes, IReadOnlyList<string> TempFiles, IReadOnlyList<int> Pids)
{
    /// <summary>The environment variable that marks a process the lab started: <c>PID:start time</c> of the kernel that started it.</summary>
    public const string KernelVariable = "RSTLAB_KERNEL";

    const string RegistryPrefix = "rstlab-kernel-";
    static readonly object Gate = new();
    static bool _registered;

    /// <summary>Trace instances (<c>/sys/kernel/tracing/instances/rstlab-PID-N</c>) removed because their process was gone.</summary>
    public IReadOnlyList<string> TraceInstances { get; init; } = [];

    /// <summary>True when nothing was left behind.</summary>
    public bool IsEmpty => Namespaces.Count == 0 && Processes.Count == 0 && TempFiles.Count == 0 && TraceInstances.Count == 0;

    /// <summary>Removes what killed kernels and lab processes left, then records this process as a kernel so the next start can clean after it if it is killed.</summary>
    public static Leftovers Clean()
    {
        if (!OperatingSystem.IsLinux())
            return new([], [], [], []);
        lock (Gate)
        {
            var processes = EndOrphans(out var orphanedBy);
            IReadOnlyList<string> namespaces;
            try { namespaces = NetworkNamespace.RemoveStale(); }
            catch (NamespaceUnavailableException) { namespaces = []; }   // no ip command: then no namespace was made either
            var traces = ResetTrace.RemoveStale();
            var tempFiles = RemoveDeadKernelFiles(out var killedKernels);
            Register();
            var pids = namespaces.Concat(traces).Select(PidOf).OfType<int>().Concat(orphanedBy).Concat(killedKernels).Distinct().Order().ToList();
            return new(namespaces, processes, tempFiles, pids) { TraceInstances = traces };
        }
    }

    /// <summary>Marks a child process the lab starts, so that <see cref="Clean"/> can find it if this process is killed before it ends.</summary>
    public static ProcessStartInfo Mark(ProcessStartInfo start)
    {
        Guard.NotNull(start);
        start.Environment[KernelVariable] = Identity(Environment.ProcessId) ?? $"{Environment.ProcessId}";
        return start;
    }

    /// <summary>One line for the first cell, e.g. "removed 2 network namespaces left by a process that was killed (PID 1234)"; empty when nothing was left.</summary>
    public override string ToString()
    {
        if (IsEmpty) return "";
        var parts = new List<string>();
        if (Namespaces.Count > 0) parts.Add(Count(Namespaces.Count, "network namespace"));
        if (TraceInstances.Count > 0) parts.Add(Count(TraceInstances.Count, "trace instance"));
        if (Processes.Count > 0) parts.Add(Count(Processes.Count, "child process", "child processes"));
        if (TempFiles.Count > 0) parts.Add(Count(TempFiles.Count, "runtime temp file"));
        var by = Pids.Count == 1 ? $"a process that was killed (PID {Pids[0]})" : $"processes that were killed (PIDs {string.Join(", ", Pids)})";
        return $"Removed {Join(parts)} left by {by}.";
    }

    // A process is identified by PID and start time (field 22 of /proc/PID/stat), so a reused PID does not count as alive;
    // nor does a zombie (state Z: killed, not yet reaped by its parent), which will never clean up.
    internal static string? Identity(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : $"{pid}:{fields[19]}";
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    static bool IsAlive(string identity) =>
        int.TryParse(identity.Split(':')[0], CultureInfo.InvariantCulture, out var pid)
        && Identity(pid) is string now
        && (now == identity || !identity.Contains(':'));

    static void Register()
    {
        if (_registered) return;
        var file = Path.Combine(Path.GetTempPath(), RegistryPrefix + Environment.ProcessId);
        try
        {
            File.WriteAllText(file, Identity(Environment.ProcessId) ?? $"{Environment.ProcessId}");
        }
        catch (IOException) { return; }               // no record: a killed kernel's temp files then stay, nothing worse
        catch (UnauthorizedAccessException) { return; }
        _registered = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
    }

    // Processes the lab started (they carry KernelVariable) whose kernel is gone. Python children ask for PR_SET_PDEATHSIG
    // and end with their kernel; this catches any that could not, e.g. where the kernel died before they asked.
    static List<int> EndOrphans(out List<int> orphanedBy)
    {
        var ended = new List<int>();
        orphanedBy = [];
        var prefix = KernelVariable + "=";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) continue;
            string environ;
            try { environ = File.ReadAllText(Path.Combine(dir, "environ")); }
            catch (IOException) { continue; }                    // ended meanwhile
            catch (UnauthorizedAccessException) { continue; }    // another user's process
            var kernel = environ.Split('\0').FirstOrDefault(v => v.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
            if (kernel is null || IsAlive(kernel)) continue;
            try
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill(entireProcessTree: true);
                ended.Add(pid);
                if (int.TryParse(kernel.Split(':')[0], CultureInfo.InvariantCulture, out var by)) orphanedBy.Add(by);
            }
            catch (ArgumentException) { }                   // ended meanwhile
            catch (InvalidOperationException) { }
            catch (System.ComponentModel.Win32Exception) { } // not ours to end
        }
        return ended;
    }

    // Kernels that registered and are gone without their exit handler: the runtime's pipes of that PID stay in the temp folder.
    static List<string> RemoveDeadKernelFiles(out List<int> killed)
    {
        var removed = new List<string>();
        killed = [];
        var temp = Path.GetTempPath();
        foreach (var record in Directory.EnumerateFiles(temp, RegistryPrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(record)[RegistryPrefix.Length..], CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) continue;
            string identity;
            try { identity = File.ReadAllText(record).Trim(); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (IsAlive(identity)) continue;
            var files = new[] { $"clr-debug-pipe-{pid}-*", $"dotnet-diagnostic-{pid}-*", $"CoreFxPipe_*.{pid}.*" }
                .SelectMany(pattern => Directory.EnumerateFiles(temp, pattern)).ToList();
            foreach (var file in files)
            {
                try
                {
                    File.Delete(file);
                    removed.Add(file);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }   // another user's kernel
            }
            try { File.Delete(record); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (files.Count > 0) killed.Add(pid);
        }
        return removed;
    }

    static int? PidOf(string name) =>
        name[NetworkNamespace.Prefix.Length..].Split('-') is [var pid, _] && int.TryParse(pid, CultureInfo.InvariantCulture, out var p) ? p : null;

    static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    static string Join(List<string> parts) => parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
}
