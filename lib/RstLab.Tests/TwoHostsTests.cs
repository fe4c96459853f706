using System.Net;
using System.Net.Sockets;
using RstLab.Namespaces;

namespace RstLab.Tests;

[Collection("live")]
public sealed class TwoHostsTests
{
    [LiveFact]
    public void It_joins_two_namespaces_with_addresses_that_exist_only_inside_them()
    {
        using var hosts = TwoHosts.Create();

        Assert.Equal(ConnectionOutcome.Refused, Knock(hosts));
        Assert.DoesNotContain("10.77.0.", Command.Check("ip", "-4 addr show"));
        Assert.Contains("10.77.0.1/24", Command.Check("ip", $"-n {hosts.Client.Name} -4 addr show dev br0"));
        Assert.Contains("10.77.0.2/24", Command.Check("ip", $"-n {hosts.Server.Name} -4 addr show dev eth0"));
    }

    [LiveFact]
    public void It_reboots_the_server_with_the_same_address_while_the_bridge_survives()
    {
        using var hosts = TwoHosts.Create();
        var first = hosts.Server.Name;
        var bridge = BridgeIndex(hosts);

        hosts.DestroyServer();
        Assert.False(hosts.ServerIsUp);
        Assert.DoesNotContain(first, NetworkNamespace.List());
        Assert.Throws<InvalidOperationException>(() => hosts.Server);
        hosts.Reboot();

        Assert.NotEqual(first, hosts.Server.Name);
        Assert.Equal(2, hosts.Boots);
        Assert.Equal(bridge, BridgeIndex(hosts));
        Assert.Contains(TwoHosts.ServerMac, Command.Check("ip", $"-n {hosts.Server.Name} link show eth0"));
        Assert.Equal(ConnectionOutcome.Refused, Knock(hosts));
        Assert.Throws<InvalidOperationException>(hosts.Reboot);
    }

    [LiveFact]
    public void It_cuts_the_link_so_nothing_gets_through()
    {
        using var hosts = TwoHosts.Create();

        hosts.CutLink();

        Assert.Equal(ConnectionOutcome.NoAnswer, Knock(hosts));
        Assert.DoesNotContain("port0", Command.Check("ip", $"-n {hosts.Client.Name} -o link show"));
    }

    [LiveFact]
    public void It_keeps_the_capture_bridge_up_while_the_cable_is_cut()
    {
        using var hosts = TwoHosts.Create();

        hosts.DestroyServer();

        // LOWER_UP is the carrier itself, updated at once (the "state" column lags behind it by up to a second).
        Assert.Contains("LOWER_UP", Command.Check("ip", $"-n {hosts.Client.Name} -o link show dev br0"));
    }

    [LiveFact]
    public void It_counts_per_host()
    {
        using var hosts = TwoHosts.Create();
        var client = hosts.Client.Counters();
        var server = hosts.Server.Counters();

        Knock(hosts);

        Assert.Equal(1, client.To(hosts.Client.Counters())["AttemptFails"]);
        Assert.Equal(0, client.To(hosts.Client.Counters())["OutRsts"]);
        Assert.Equal(1, server.To(hosts.Server.Counters())["OutRsts"]);
    }

    [LiveFact]
    public void It_removes_both_namespaces_even_when_the_work_throws()
    {
        string client = "", server = "";
        Assert.Throws<InvalidOperationException>(() =>
        {
            using var hosts = TwoHosts.Create();
            (client, server) = (hosts.Client.Name, hosts.Server.Name);
            hosts.Server.Run(() => throw new InvalidOperationException("a cell failed"));
        });

        Assert.DoesNotContain(client, NetworkNamespace.List());
        Assert.DoesNotContain(server, NetworkNamespace.List());
    }

    [LiveFact]
    public void It_removes_the_hosts_of_a_killed_run_at_the_next_start()
    {
        var pid = Enumerable.Range(4_100_000, 1000).First(p => !Directory.Exists($"/proc/{p}"));
        string[] stale = [$"rstlab-{pid}-1", $"rstlab-{pid}-2"];
        foreach (var name in stale)
            Command.Check("ip", $"netns add {name}");
        try
        {
            using var hosts = TwoHosts.Create();

            Assert.Empty(NetworkNamespace.List().Intersect(stale));
        }
        finally
        {
            foreach (var name in stale.Intersect(NetworkNamespace.List()))
                Command.Run("ip", $"netns del {name}");
        }
    }

    enum ConnectionOutcome { Connected, Refused, NoAnswer }

    static ConnectionOutcome Knock(TwoHosts hosts) => hosts.Client.Run(() =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Generous: on a busy machine the first ARP request can be lost and is only repeated after 1 s.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            socket.ConnectAsync(new IPEndPoint(TwoHosts.ServerAddress, 9), cts.Token).AsTask().GetAwaiter().GetResult();
            return ConnectionOutcome.Connected;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return ConnectionOutcome.Refused;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return ConnectionOutcome.NoAnswer;
        }
    });

    static string BridgeIndex(TwoHosts hosts) =>
        Command.Check("ip", $"-n {hosts.Client.Name} -o link show br0").Split(':')[0];
}
