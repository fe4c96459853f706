using System.Net.Sockets;
using RstLab.Diagnosis;
using RstLab.Scenarios;

namespace RstLab.Tests;

[Collection("live")]
public sealed class NatExpiryTests
{
    [NftFact]
    public void It_diagnoses_the_reset_after_a_nat_forgot_an_idle_connection()
    {
        var (frames, afterIdle) = NatExpiry.Run();
        var row = Assert.Single(ResetDiagnoser.Diagnose(frames));

        Assert.Equal(SocketError.ConnectionReset, afterIdle);
        Assert.Equal((ResetPrecedent.IdleGap, ResetShape.Stack, ResetCause.MiddleboxIdleTimeout), (row.Before, row.Shape, row.Cause));
        Assert.True(row.IdleSeconds > ResetDiagnoser.IdleGapSeconds, $"{row.IdleSeconds} s idle");
    }
}
