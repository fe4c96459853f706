using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RstLab.Namespaces;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>
/// A kernel killed in the middle of an experiment leaves nothing behind at the next start: each notebook is run with a
/// pause inside its experiment cells, the kernel is SIGKILLed there (then the runner's whole process group), and the first
/// cell in a new kernel must leave no namespace, process, socket, capture or temp file of the killed run.
/// </summary>
/// <remarks>
/// Which cells: an experiment cell opens a resource into a variable and disposes it in the same cell
/// (<c>var x = Opener(…);</c> … <c>using (x)</c>, the course's idiom for captures, listeners, namespaces and two-host runs) or in a
/// later cell (<c>x.Dispose()</c>, where the server's and the client's calls have cells of their own);
/// the pause comes right after that statement, when the resource exists. One kill per kind of opener (the first cell that
/// uses <c>Lab.Capture</c>, <c>Lab.StartIsolated</c>, <c>RebootedPeer.Start</c>, …), which keeps the run short. A cell that starts
/// a child process (<c>SigPipeChild</c>) pauses inside the child instead, once it runs (an audit hook on its
/// <c>connect</c>), so the child is alive when the kernel dies.
/// </remarks>
[Collection("live")]
public sealed partial class InterruptTests(ITestOutputHelper output)
{
    const string Token = "RSTLAB_RUN_TOKEN";

    /// <summary>The library's types that start a child process (a Python program); a cell that calls one pauses inside the child.</summary>
    static readonly string[] ChildStarters = ["SigPipeChild"];

    [LiveTheory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_leaves_nothing_behind_when_the_kernel_is_killed_in_an_experiment(string name)
    {
        var notebook = Notebooks.Load(Path.Combine(Notebooks.Folder, name));
        var points = KillPoints(notebook);
        Assert.NotEmpty(points);   // every notebook has an experiment; if the rule finds none, it no longer fits the notebooks
        // Inside the repository, so the first cell finds lib/; in a folder of its own, so no other test lists it.
        var folder = Directory.CreateDirectory(Path.Combine(Notebooks.Folder, $".killed-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(name)}")).FullName;
        try
        {
            foreach (var point in points)
                KillAt(point, notebook, folder);
            // Rerunning the experiments that were interrupted, in a new kernel, works.
            var last = points[^1];
            var again = Prefix(notebook, last.Cell);
            File.WriteAllText(Path.Combine(folder, "again.ipynb"), again.ToJsonString());
            using var executed = new TempFolder();
            var rerun = Notebooks.Execute("again.ipynb", executed.Path, folder: folder);
            Assert.True(rerun.Executed is not null, rerun.Log);
            Assert.Empty(Notebooks.Errors(rerun.Executed!));
            Assert.Equal(0, rerun.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Where to kill: the cell (index among all cells) and what to pause after, per the rule in the remarks.</summary>
    internal sealed record KillPoint(int Cell, string Opener, int AfterLine, bool InChild);

    internal static IReadOnlyList<KillPoint> KillPoints(JsonNode notebook)
    {
        var cells = notebook["cells"]!.AsArray();
        var code = Notebooks.CodeCells(notebook).ToList();
        var points = new List<KillPoint>();
        foreach (var (cell, position) in code.Select((c, i) => (c, i)).Skip(1).SkipLast(1))   // not the first cell (it loads the lab) nor the check cell
        {
            var index = cells.IndexOf(cell);
            var lines = Notebooks.Source(cell).Split('\n');
            var later = code.Skip(position + 1).Select(Notebooks.Source).ToList();
            if (ChildStarters.FirstOrDefault(s => lines.Any(l => l.Contains(s + ".", StringComparison.Ordinal))) is { } starter)
            {
                points.Add(new(index, starter, -1, InChild: true));
                continue;
            }
            for (var i = 0; i < lines.Length; i++)
            {
                if (OpenerLine().Match(lines[i]) is not { Success: true } m) continue;
                var name = m.Groups[1].Value;
                if (!lines.Skip(i + 1).Any(l => l.TrimStart().StartsWith($"using ({name})", StringComparison.Ordinal))
                    && !later.Any(c => c.Contains($"{name}.Dispose()", StringComparison.Ordinal))) continue;
                if (points.Any(p => p.Opener == m.Groups[2].Value)) break;
                var end = i;
                while (!Code(lines[end]).EndsWith(';')) end++;
                points.Add(new(index, m.Groups[2].Value, end, InChild: false));
                break;
            }
        }
        return points;
    }

    void KillAt(KillPoint point, JsonNode notebook, string folder)
    {
        var marker = Path.Combine(folder, "paused");
        File.Delete(marker);
        var paused = Prefix(notebook, point.Cell);
        using var hook = new TempFolder();
        if (point.InChild)
            File.WriteAllText(Path.Combine(hook.Path, "sitecustomize.py"), $$"""
                import os, sys, time
                def pause(event, args):
                    if event == "socket.connect":
                        with open({{System.Text.Json.JsonSerializer.Serialize(marker)}}, "w") as f:
                            f.write(f"{os.getppid()} {os.getpid()}")
                        time.sleep(600)
                sys.addaudithook(pause)
                """);
        else
        {
            var cell = paused["cells"]![point.Cell]!;
            var lines = Notebooks.Source(cell).Split('\n').ToList();
            lines.Insert(point.AfterLine + 1, $"System.IO.File.WriteAllText(@\"{marker}\", $\"{{Environment.ProcessId}}\"); System.Threading.Thread.Sleep(TimeSpan.FromMinutes(10));   // paused for InterruptTests");
            cell["source"] = string.Join('\n', lines);
        }
        File.WriteAllText(Path.Combine(folder, "paused.ipynb"), paused.ToJsonString());

        // The runner in a process group of its own (setsid execs it: its PID is the group's), with a token its whole tree inherits.
        var token = Guid.NewGuid().ToString("N");
        // Run from notebooks/, as every runner does: the first cell's #r is relative to the kernel's working directory.
        var start = new ProcessStartInfo("setsid", $"dotnet repl --run {Path.GetFileName(folder)}/paused.ipynb --exit-after-run --output-format ipynb --output-path "
            + Path.Combine(hook.Path, "out.ipynb"))
        {
            WorkingDirectory = Notebooks.Folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment[Token] = token;
        if (point.InChild)
            start.Environment["PYTHONPATH"] = hook.Path;
        using var runner = Process.Start(start)!;
        try
        {
            KillAndRestart(notebook, point, folder, runner, token, marker, hook.Path);
        }
        finally
        {
            // Also when an assertion failed: nothing of this run may outlive the test.
            KillGroup(runner);
            foreach (var pid in InTree(token))
                Kill(pid);
            // The runner was not a kernel (it is the dotnet repl host): its runtime pipes are this test's to remove.
            foreach (var file in TempFilesOf(runner.Id).Where(f => Path.GetFileName(f).StartsWith("clr-debug-pipe-", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("dotnet-diagnostic-", StringComparison.Ordinal)))
                File.Delete(file);
        }
    }

    void KillAndRestart(JsonNode notebook, KillPoint point, string folder, Process runner, string token, string marker, string scratch)
    {
        var what = $"{point.Opener} in cell #{point.Cell} of the .ipynb";
        var log = runner.StandardOutput.ReadToEndAsync();
        var errors = runner.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        while (!File.Exists(marker) || File.ReadAllText(marker).Length == 0)
        {
            if (runner.HasExited || watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                KillGroup(runner);   // before reading its output to the end
                Assert.Fail($"{what}: the runner ended before the pause (exit {(runner.HasExited ? runner.ExitCode : -1)}): {Wait(log)}{Wait(errors)}");
            }
            Thread.Sleep(100);
        }
        var pausedAfter = watch.Elapsed;
        var ids = File.ReadAllText(marker).Split(' ').Select(int.Parse).ToArray();
        var kernel = ids[0];

        // What the experiment holds at the pause: proof that the kill interrupts something.
        var namespaces = LabNamespaces(kernel);
        var sockets = SocketsOf(kernel);
        var ports = TcpTable().Where(s => sockets.Contains(s.Inode)).Select(s => s.LocalPort).ToHashSet();
        var captures = PacketSockets().Where(sockets.Contains).ToList();
        Assert.True(namespaces.Count + ports.Count + captures.Count + (ids.Length - 1) > 0, $"{what}: nothing was open at the pause");

        // Kill the kernel alone first, as an out-of-memory kill or a crash does: a child must end with it, not with its group.
        // The runner is stopped first so that it cannot reap the kernel: the dead kernel stays a zombie until the runner's
        // group is killed at the end, so its PID cannot be reused and lab processes running in parallel (which skip a PID
        // that still has /proc/PID) cannot clean up on the next start's behalf. The next start must count a zombie as gone.
        kill(runner.Id, SigStop);
        Kill(kernel);
        Assert.True(WaitUntil(() => !Alive(kernel), TimeSpan.FromSeconds(10)), $"{what}: the kernel {kernel} survived SIGKILL");
        var orphans = () => InTree(token).Where(p => p != runner.Id).ToList();
        Assert.True(WaitUntil(() => orphans().Count == 0, TimeSpan.FromSeconds(5)), $"{what}: processes outlived the kernel: {string.Join(", ", orphans().Select(Describe))}");
        // The rest of the runner's process group is killed after the next start (below, and in KillAt's finally).

        // The kill left things behind; the next start has to remove them.
        var left = TempFilesOf(kernel);
        Assert.NotEmpty(left);   // at least the runtime's pipes: a killed process never removes them
        Assert.Equal(namespaces, LabNamespaces(kernel));   // a namespace outlives its killed creator

        // The next start: the first cell, in a new kernel.
        var first = JsonNode.Parse(notebook.ToJsonString())!;
        first["cells"] = new JsonArray(Notebooks.CodeCells(notebook).First().DeepClone());
        File.WriteAllText(Path.Combine(folder, "first.ipynb"), first.ToJsonString());
        var next = Notebooks.Execute("first.ipynb", scratch, folder: folder);
        Assert.True(next.Executed is not null, $"{what}: the first cell did not run after the kill: {next.Log}");
        Assert.Empty(Notebooks.Errors(next.Executed!));
        var banner = Notebooks.Html(next.Executed!);
        Assert.Matches($@"Removed [^<]* left by [^<]*\b{kernel}\b", banner);   // the first cell said what it removed, and whose
        output.WriteLine($"{what}: paused after {pausedAfter.TotalSeconds:0} s with {namespaces.Count} namespaces, {ports.Count} TCP ports, {captures.Count} captures on lo, {ids.Length - 1} child; " +
            $"left {left.Count} temp files; next start: {Regex.Match(banner, "Removed [^<]*").Value}");

        // Nothing of the killed run is left.
        Assert.Empty(LabNamespaces(kernel));
        Assert.Empty(InTree(token).Where(p => p != runner.Id).Select(Describe));
        Assert.Empty(TempFilesOf(kernel));
        // Sockets close with their process; connections between the run's ports that were open end in TIME-WAIT or FIN-WAIT,
        // which belong to the kernel (inode 0) and time out by themselves: not leftovers.
        Assert.Empty(TcpTable().Where(s => ports.Contains(s.LocalPort) && (s.Inode != 0 || s.State is "0A" or "01")).Select(s => $"port {s.LocalPort} state {s.State} inode {s.Inode}"));
        Assert.Empty(PacketSockets().Intersect(captures));

        // Killing the runner's whole process group ends the rest of its tree.
        KillGroup(runner);
        Assert.Empty(InTree(token).Select(Describe));
    }

    /// <summary>The notebook up to and including cell <paramref name="last"/>, as a new document.</summary>
    static JsonNode Prefix(JsonNode notebook, int last)
    {
        var copy = JsonNode.Parse(notebook.ToJsonString())!;
        var cells = copy["cells"]!.AsArray();
        while (cells.Count > last + 1)
            cells.RemoveAt(cells.Count - 1);
        return copy;
    }

    static List<string> LabNamespaces(int pid) => NetworkNamespace.List().Where(n => n.StartsWith($"{NetworkNamespace.Prefix}{pid}-", StringComparison.Ordinal)).ToList();

    static List<string> TempFilesOf(int pid) =>
        Directory.EnumerateFileSystemEntries(Path.GetTempPath())
            .Where(p => Regex.IsMatch(Path.GetFileName(p), $@"(^|[-._]){pid}([-._]|$)"))
            .ToList();

    /// <summary>Processes whose environment carries the run's token: the runner and everything it started.</summary>
    static List<int> InTree(string token) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ReadOrEmpty($"/proc/{pid}/environ").Split('\0').Contains($"{Token}={token}"))
            .ToList();

    static string Describe(int pid) => $"{pid} {ReadOrEmpty($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}";

    static HashSet<long> SocketsOf(int pid)
    {
        var inodes = new HashSet<long>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            if (new FileInfo(fd).LinkTarget is { } target && SocketLink().Match(target) is { Success: true } m)
                inodes.Add(long.Parse(m.Groups[1].Value));
        return inodes;
    }

    /// <summary>TCP sockets of the root namespace (this thread's), IPv4 and IPv6: local port, state (hex, as the kernel writes it), inode.</summary>
    static List<(int LocalPort, string State, long Inode)> TcpTable() =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(f => ReadOrEmpty(f).Split('\n').Skip(1))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9)
            .Select(f => (Convert.ToInt32(f[1].Split(':')[1], 16), f[3], long.Parse(f[9])))
            .ToList();

    static List<long> PacketSockets() =>
        ReadOrEmpty("/proc/net/packet").Split('\n').Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 9)
            .Select(f => long.Parse(f[^1]))
            .ToList();

    static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    static bool Alive(int pid) => ReadOrEmpty($"/proc/{pid}/stat") is { Length: > 0 } stat && stat[(stat.LastIndexOf(')') + 2)] != 'Z';

    static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    static void KillGroup(Process runner)
    {
        kill(-runner.Id, 9);
        runner.WaitForExit(10_000);
    }

    static void Kill(int pid) => kill(pid, 9);

    const int SigStop = 19;

    static string Wait(Task<string> output) => output.Wait(5000) ? output.Result : "";

    static string Code(string line) => (line.Split("//")[0]).TrimEnd();

    [GeneratedRegex(@"^\s*var (\w+) = ([\w.]+)\(")]
    private static partial Regex OpenerLine();

    [GeneratedRegex(@"^socket:\[(\d+)\]$")]
    private static partial Regex SocketLink();

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);
}
