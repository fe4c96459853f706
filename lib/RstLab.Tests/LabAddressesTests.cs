using System.Net;
using RstLab.Packets;

namespace RstLab.Tests;

public sealed class LabAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.3.2.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void It_allows_loopback_everywhere(string address)
    {
        Assert.True(LabAddresses.IsAllowed(IPAddress.Parse(address), insideLabNamespace: false));
        Assert.True(LabAddresses.IsAllowed(IPAddress.Parse(address), insideLabNamespace: true));
    }

    [Theory]
    [InlineData("10.77.0.1")]
    [InlineData("10.77.0.2")]
    public void It_allows_the_namespace_range_only_inside_lab_namespaces(string address)
    {
        Assert.True(LabAddresses.IsAllowed(IPAddress.Parse(address), insideLabNamespace: true));
        var e = Assert.Throws<LabArgumentException>(() => LabAddresses.Require(IPAddress.Parse(address), insideLabNamespace: false, "to"));
        Assert.Contains("only on loopback", e.Message);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("192.168.1.1")]
    [InlineData("10.77.1.1")]
    [InlineData("10.0.0.1")]
    [InlineData("2001:db8::1")]
    public void It_refuses_every_other_address(string address)
    {
        var e = Assert.Throws<LabArgumentException>(() => LabAddresses.Require(IPAddress.Parse(address), insideLabNamespace: true, "to"));
        Assert.Contains(address, e.Message);
        Assert.Equal("to", e.ParamName);
    }
}
