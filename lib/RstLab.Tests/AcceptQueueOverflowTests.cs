using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class AcceptQueueOverflowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    public void It_wants_2_to_32_clients(int clients)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AcceptQueueOverflow.Run("test-overflow", clients));

        Assert.Equal(clients, e.ActualValue);
        Assert.Contains("2 to 32", e.Message);
    }
}
