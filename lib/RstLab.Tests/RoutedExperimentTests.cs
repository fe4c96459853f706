using System.Net;
using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Packets;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

[Collection("live")]
public sealed class RoutedExperimentTests
{
    [NftFact]
    public void It_puts_firewall_rules_in_the_router_and_captures_on_the_clients_cable()
    {
        var order = new List<string>();
        var x = Lab.StartRouted("06-firewall-midstream", 8000);
        IReadOnlyList<SocketEntry> serverDuring;
        using (x)
        {
            x.OnEnd(() => order.Add("first registered"));
            x.OnEnd(() => order.Add("last registered"));
            var at = new IPEndPoint(RoutedHosts.ServerAddress, 8000);
            var (listener, client) = (x.NewServerSocket(), x.NewSocket());
            x.Server.Do(() => listener.Bind(at));
            x.Server.Do(() => listener.Listen(4));
            x.Nft("add table inet lab");
            x.Nft("add chain inet lab forward { type filter hook forward priority 0 ; }");
            x.Nft("add rule inet lab forward tcp dport 8000 reject with tcp reset");
            x.Client.Do(() => client.Connect(at, TimeSpan.FromSeconds(2)), Evidence.Expect.Fails(Errno.ECONNREFUSED));
            serverDuring = x.ServerSockets();
        }

        Assert.True(x.IsLive && x.IsRouted, x.ToString());
        Assert.True(x.Client.Single().AsExpected, x.Client.ToString());
        Assert.Equal([TcpFlags.Syn, TcpFlags.RstAck], x.Wire.Packets.Rows.Select(r => r.Flags));
        Assert.Contains(serverDuring, s => s.State == TcpState.Listen && s.Local.Address.Equals(RoutedHosts.ServerAddress));
        Assert.DoesNotContain(x.Sockets(), s => s.State == TcpState.Listen);   // the client's host never listened
        Assert.Equal(["last registered", "first registered"], order);
        var clientHost = System.Text.RegularExpressions.Regex.Match(x.Wire.Origin, NetworkNamespace.Prefix + @"[0-9]+-[0-9]+").Value;
        Assert.NotEmpty(clientHost);
        Assert.DoesNotContain(clientHost, NetworkNamespace.List());   // the hosts, their rules and conntrack are gone
    }

    [Fact]
    public void It_refuses_rules_on_the_machines_own_stack()
    {
        using var x = Lab.Start("06-keepalive-race", Lab.UnusedPort());

        var refused = Assert.Throws<InvalidOperationException>(() => x.Nft("list ruleset"));
        Assert.Contains("only in its own namespaces", refused.Message);
        Assert.Throws<InvalidOperationException>(() => x.Sysctl("net.netfilter.nf_conntrack_tcp_loose", "0"));
    }
}
