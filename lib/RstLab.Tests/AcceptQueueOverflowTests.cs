using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class AcceptQueueOverflowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    public void It_wants_2_to_32_clients(int clients)
    {
        var e = Assert.Throws<LabArgumentException>(() => AcceptQueueOverflow.Run("test-overflow", clients));

        Assert.Contains($"got {clients}", e.Message);
        Assert.Contains("clients must be 2–32", e.Message);
    }
}
