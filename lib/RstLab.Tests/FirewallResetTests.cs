using System.Net.Sockets;
using RstLab.Diagnosis;
using RstLab.Scenarios;

namespace RstLab.Tests;

[Collection("live")]
public sealed class FirewallResetTests
{
    [NftFact]
    public void It_diagnoses_a_firewalls_resets_on_a_syn_and_mid_stream_by_their_ttl()
    {
        var (frames, refused, reset) = FirewallReset.Run();
        var rows = ResetDiagnoser.Diagnose(frames);

        Assert.Equal((SocketError.ConnectionRefused, SocketError.ConnectionReset), (refused, reset));
        Assert.Equal([ResetCause.FirewallReject, ResetCause.FirewallReject], rows.Select(r => r.Cause));
        Assert.All(rows, r => Assert.Equal(ResetShape.Middlebox, r.Shape));
        Assert.All(rows, r => Assert.Contains("TTL 64, while its host's other segments came with 63", r.Signs));
        Assert.Equal(["ECONNREFUSED", "ECONNRESET"], rows.Select(r => r.PeerError?.Name));
    }
}
