using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using RstLab.Namespaces;

namespace RstLab.Tests;

/// <summary>
/// The Jupyter kernel the setup registers runs code for nobody but its own client: started by jupyter_client as Jupyter starts
/// it, none of its ports accepts a connection from another address, and from loopback its HTTP API (SignalR hub) takes no code.
/// </summary>
[Collection("live")]
public sealed class KernelExposureTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A network namespace wired to this machine by a veth pair stands in for another machine on the LAN; its cable exists before
    /// the kernel starts, so a kernel that listens on every interface listens on this one too.
    /// </summary>
    [LiveFact]
    public void It_refuses_every_connection_from_another_address()
    {
        using var lan = Lan.Create();
        using var kernel = JupyterKernel.Start();
        Assert.Equal("ok", (string?)kernel.Started["status"]);

        var listening = Listening(kernel);
        Assert.NotEmpty(listening);
        var accepted = listening.Select(l => l.Port).Distinct()
            .Where(port => lan.Remote.Run(() => Connects(new IPEndPoint(Lan.MachineAddress, port))))
            .ToList();

        Assert.True(accepted.Count == 0, $"From {Lan.RemoteAddress}, the kernel accepted connections on port(s) {string.Join(", ", accepted)} of {Lan.MachineAddress}; it listens on {string.Join(", ", listening)}.");
    }

    /// <summary>
    /// What a web page in the learner's browser, or another local user, could do: negotiate with the SignalR hub, open its
    /// WebSocket with a foreign Origin and send SubmitCommand. A file the code would write proves whether it ran.
    /// </summary>
    [LiveFact]
    public async Task It_runs_no_code_submitted_over_http_from_loopback()
    {
        using var kernel = JupyterKernel.Start();
        var proof = Path.Combine(Path.GetTempPath(), $"rstlab-kernel-door-{Guid.NewGuid():N}");
        var code = $"System.IO.File.WriteAllText(@\"{proof}\", \"ran\");";

        var hubs = new List<string>();
        foreach (var endpoint in Listening(kernel).Select(Reachable).Distinct())
            if (await TrySubmitCode(endpoint, code))
                hubs.Add(endpoint.ToString());
        await Task.Delay(Patience);

        var ran = File.Exists(proof);
        File.Delete(proof);
        Assert.False(ran, $"Code submitted over the SignalR hub at {string.Join(", ", hubs)} ran in the kernel (it wrote {proof}).");
        Assert.Empty(hubs);
    }

    /// <summary>The Jupyter protocol's own ports: loopback only, messages signed with a key in a connection file only its user reads.</summary>
    [LiveFact]
    public void It_speaks_the_jupyter_protocol_on_loopback_with_a_signed_connection()
    {
        using var kernel = JupyterKernel.Start();

        Assert.Equal("127.0.0.1", (string?)kernel.Started["ip"]);
        Assert.True((int)kernel.Started["key"]! >= 32, "jupyter_client's connection key is missing or short.");
        Assert.Equal("0o600", (string?)kernel.Started["connection_file_mode"]);
        Assert.All(Listening(kernel), l => Assert.True(IPAddress.IsLoopback(l.Address), $"The kernel listens on {l}, beyond loopback."));
    }

    /// <summary>The TCP addresses the kernel's processes listen on, from the socket table (<c>ss</c> names each socket's process).</summary>
    static IReadOnlyList<IPEndPoint> Listening(JupyterKernel kernel)
    {
        var pids = kernel.ProcessTree().Select(p => $"pid={p},").ToList();
        return Command.Check("ss", "-ltnpH").Split('\n')
            .Where(line => pids.Any(line.Contains))
            .Select(line => Endpoint(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]))
            .ToList();
    }

    /// <summary>An address as ss prints it (<c>*:2048</c>, <c>[fe80::1]%eth0:2048</c>), with the interface's index as its scope.</summary>
    static IPEndPoint Endpoint(string local)
    {
        var scoped = Regex.Match(local, @"^\[(.*)\]%([^:]+):(\d+)$");
        if (!scoped.Success)
            return IPEndPoint.Parse(local.Replace("*:", "0.0.0.0:"));
        var index = NetworkInterface.GetAllNetworkInterfaces().First(i => i.Name == scoped.Groups[2].Value).GetIPProperties().GetIPv6Properties().Index;
        return new IPEndPoint(IPAddress.Parse($"{scoped.Groups[1].Value}%{index}"), int.Parse(scoped.Groups[3].Value));
    }

    /// <summary>Where a process on this machine reaches a listening socket: its own address, or loopback for a wildcard.</summary>
    static IPEndPoint Reachable(IPEndPoint listening) =>
        listening.Address.Equals(IPAddress.Any) ? new(IPAddress.Loopback, listening.Port)
        : listening.Address.Equals(IPAddress.IPv6Any) ? new(IPAddress.IPv6Loopback, listening.Port)
        : listening;

    static bool Connects(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            return socket.ConnectAsync(endpoint).Wait(Patience);
        }
        catch (AggregateException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return false;
        }
    }

    /// <summary>SignalR's handshake by hand, as any page's script could do it; true when the hub accepted the invocation.</summary>
    static async Task<bool> TrySubmitCode(IPEndPoint endpoint, string code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var origin = "http://attacker.example";
        var url = $"http://{(endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port}";
        string? token;
        try
        {
            using var http = new HttpClient { Timeout = Patience };
            using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{url}/kernelhub/negotiate?negotiateVersion=1");
            negotiate.Headers.Add("Origin", origin);
            using var response = await http.SendAsync(negotiate, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return false;
            var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            token = (string?)answer?["connectionToken"] ?? (string?)answer?["connectionId"];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return false;  // not an HTTP server (the Jupyter protocol's ZeroMQ ports), or not SignalR
        }
        if (token is null)
            return false;

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        try
        {
            await socket.ConnectAsync(new Uri($"ws{url[4..]}/kernelhub?id={token}"), timeout.Token);
            await Send(socket, """{"protocol":"json","version":1}""", timeout.Token);
            var envelope = System.Text.Json.JsonSerializer.Serialize(new { commandType = "SubmitCode", command = new { code, targetKernelName = "csharp" }, token = "rstlab-door" });
            await Send(socket, System.Text.Json.JsonSerializer.Serialize(new { type = 1, target = "SubmitCommand", arguments = new[] { envelope } }), timeout.Token);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            return false;
        }
    }

    static Task Send(ClientWebSocket socket, string message, CancellationToken cancel) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + '\u001e'), WebSocketMessageType.Text, endOfMessage: true, cancel);

    /// <summary>A second "machine": a namespace whose veth cable ends in this machine's own namespace, with addresses in 10.77.x.</summary>
    sealed class Lan : IDisposable
    {
        static readonly int Net = 100 + Environment.ProcessId % 100;
        readonly string _device = $"rstlan{Environment.ProcessId % 100000}";

        Lan(NetworkNamespace remote) => Remote = remote;

        /// <summary>This machine's address on the cable.</summary>
        public static IPAddress MachineAddress { get; } = IPAddress.Parse($"10.77.{Net}.1");

        /// <summary>The other machine's address.</summary>
        public static IPAddress RemoteAddress { get; } = IPAddress.Parse($"10.77.{Net}.2");

        /// <summary>The other machine.</summary>
        public NetworkNamespace Remote { get; }

        public static Lan Create()
        {
            var lan = new Lan(NetworkNamespace.Create());
            try
            {
                NetworkNamespace.Ip($"link add {lan._device} type veth peer name eth0 netns {lan.Remote.Name}");
                NetworkNamespace.Ip($"addr add {MachineAddress}/24 dev {lan._device}");
                NetworkNamespace.Ip($"link set {lan._device} up");
                NetworkNamespace.Ip($"-n {lan.Remote.Name} addr add {RemoteAddress}/24 dev eth0");
                NetworkNamespace.Ip($"-n {lan.Remote.Name} link set eth0 up");
                return lan;
            }
            catch
            {
                lan.Dispose();
                throw;
            }
        }

        /// <summary>Deleting the namespace deletes both ends of its cable.</summary>
        public void Dispose() => Remote.Dispose();
    }
}
