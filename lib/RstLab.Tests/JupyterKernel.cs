using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary>
/// The registered <c>.net-csharp</c> kernel, started by <c>jupyter_client</c> exactly as Jupyter starts it (the kernelspec's argv
/// and env, a fresh connection file), run until one cell has completed, and shut down on dispose.
/// </summary>
sealed class JupyterKernel : IDisposable
{
    const string Driver = """
        import json, os, sys
        from jupyter_client.manager import KernelManager
        km = KernelManager(kernel_name=".net-csharp")
        km.start_kernel(cwd=sys.argv[1], stdout=sys.stderr)  # stdout carries only the line below
        try:
            kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=180)
            reply = kc.execute_interactive("1 + 1", timeout=180, output_hook=lambda m: None)
            info = km.get_connection_info()
            print(json.dumps({"pid": km.provisioner.process.pid, "status": reply["content"]["status"], "ip": info["ip"],
                              "key": len(info["key"]), "connection_file_mode": oct(os.stat(km.connection_file).st_mode & 0o777),
                              "argv": km.kernel_spec.argv}), flush=True)
            sys.stdin.readline()
        finally:
            km.shutdown_kernel()  # as Jupyter does: a shutdown request, then a kill if the kernel does not stop
        """;

    readonly Process _driver;

    JupyterKernel(Process driver, JsonNode started)
    {
        _driver = driver;
        Started = started;
    }

    /// <summary>What the driver saw once the first cell ran: pid, status, ip, key length, connection file mode, argv.</summary>
    public JsonNode Started { get; }

    /// <summary>The process jupyter_client started (the kernelspec's argv[0]).</summary>
    public int Pid => (int)Started["pid"]!;

    /// <summary>Starts the kernel with the notebooks' folder as its working directory, as Jupyter does for a notebook there.</summary>
    public static JupyterKernel Start()
    {
        var start = new ProcessStartInfo(JupyterPython, ["-c", Driver, Notebooks.Folder])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var driver = Process.Start(start)!;
        var error = driver.StandardError.ReadToEndAsync();
        var line = driver.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromMinutes(4)) || line.Result is null)
        {
            driver.Kill(entireProcessTree: true);
            driver.WaitForExit(10_000);
            throw new InvalidOperationException($"The .net-csharp kernel did not run a cell through jupyter_client: {(error.IsCompleted ? error.Result : "(timed out)")}");
        }
        return new JupyterKernel(driver, JsonNode.Parse(line.Result)!);
    }

    /// <summary>The kernel's process and every process under it (the SDK starts a tool as a child).</summary>
    public IReadOnlyList<int> ProcessTree()
    {
        var children = Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(int.Parse!)
            .Select(pid => (pid, parent: Parent(pid))).Where(p => p.parent > 0).ToLookup(p => p.parent, p => p.pid);
        var tree = new List<int> { Pid };
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(children[tree[i]]);
        return tree;
    }

    static int Parent(int pid)
    {
        try
        {
            // The comm field in parentheses may hold spaces: the parent pid is the second field after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException) { return 0; }  // the process ended meanwhile
    }

    /// <summary>The Python that runs Debian's Jupyter commands (their shebang), which has jupyter_client.</summary>
    public static string JupyterPython => Cli.Course.PageExport.Python() ?? "python3";

    /// <summary>Tells the driver to shut the kernel down, and waits for it.</summary>
    public void Dispose()
    {
        try { _driver.StandardInput.WriteLine(); _driver.StandardInput.Close(); }
        catch (IOException) { }  // the driver already ended
        if (!_driver.WaitForExit(60_000))
            _driver.Kill(entireProcessTree: true);
        _driver.Dispose();
    }
}
