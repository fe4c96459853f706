using System.Net.Sockets;
using RstLab.Diagnosis;
using RstLab.Scenarios;

namespace RstLab.Tests;

[Collection("live")]
public sealed class KeepAliveRaceTests
{
    [LiveFact]
    public void It_diagnoses_a_request_on_a_connection_the_server_just_closed_as_the_keepalive_race()
    {
        var (frames, sendAfterReset) = KeepAliveRace.Run();
        var row = Assert.Single(ResetDiagnoser.Diagnose(frames));

        Assert.Equal(SocketError.Shutdown, sendAfterReset);
        Assert.Equal((ResetPrecedent.DataAfterClose, ResetShape.Stack, NumbersCheck.NoConnectionRule), (row.Before, row.Shape, row.Numbers));
        Assert.Equal((ResetCause.KeepAliveRace, "EPIPE"), (row.Cause, row.PeerError?.Name));
    }
}
