using RstLab.Cli.Course;

namespace RstLab.Tests;

/// <summary>./lab run's admission of notebooks: its slots in the order asked, and one more whenever half a core stood idle for a second.</summary>
public sealed class NotebookSlotsTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task It_lets_as_many_start_as_it_has_slots_and_the_next_in_the_order_they_asked_when_one_ends()
    {
        using var slots = new NotebookSlots(2);
        var (first, second) = (await slots.EnterAsync(CancellationToken.None), await slots.EnterAsync(CancellationToken.None));
        var third = slots.EnterAsync(CancellationToken.None);
        var fourth = slots.EnterAsync(CancellationToken.None);

        await Task.Delay(NotebookSlots.Poll * 4);
        Assert.False(third.IsCompleted || fourth.IsCompleted, "a notebook started beyond the slots with no idle cores known");
        second.Dispose();
        (await third.WaitAsync(Soon)).Dispose();   // the third, not the fourth, got the slot; now the fourth has it
        first.Dispose();
        (await fourth.WaitAsync(Soon)).Dispose();
        Assert.Equal(2, slots.MostAtOnce);
    }

    [Fact]
    public async Task It_starts_one_more_while_half_a_core_stands_idle_and_no_more_than_one_a_second()
    {
        using var slots = new NotebookSlots(1, () => 0.6);
        using var first = await slots.EnterAsync(CancellationToken.None);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var second = await slots.EnterAsync(CancellationToken.None).WaitAsync(Soon);
        var secondAt = clock.Elapsed;
        using var third = await slots.EnterAsync(CancellationToken.None).WaitAsync(Soon);

        Assert.True(secondAt >= NotebookSlots.Spacing - TimeSpan.FromMilliseconds(50), $"the second started {secondAt.TotalSeconds:0.00} s after the first");
        Assert.True(clock.Elapsed - secondAt >= NotebookSlots.Spacing - TimeSpan.FromMilliseconds(50), $"the third started {(clock.Elapsed - secondAt).TotalSeconds:0.00} s after the second");
        Assert.Equal(3, slots.MostAtOnce);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(null)]
    public async Task It_starts_none_beyond_its_slots_while_less_than_half_a_core_stands_idle_or_it_cannot_tell(double? idle)
    {
        using var slots = new NotebookSlots(1, () => idle);
        using var first = await slots.EnterAsync(CancellationToken.None);
        var second = slots.EnterAsync(CancellationToken.None);

        await Task.Delay(NotebookSlots.Spacing * 2.5);

        Assert.False(second.IsCompleted, $"a second notebook started with {idle?.ToString() ?? "no"} idle cores");
        Assert.Equal(1, slots.MostAtOnce);
    }

    [Fact]
    public async Task A_notebook_cancelled_while_it_waits_gives_its_turn_to_the_next()
    {
        using var slots = new NotebookSlots(1);
        var first = await slots.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = slots.EnterAsync(cancel.Token);
        var next = slots.EnterAsync(CancellationToken.None);

        await cancel.CancelAsync();
        first.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        (await next.WaitAsync(Soon)).Dispose();
        Assert.Equal(1, slots.MostAtOnce);
    }

    [Theory]
    [InlineData(1, 0.5, 1000, true)]
    [InlineData(1, 2.0, 999, false)]    // a kernel just started: its CPU does not show yet
    [InlineData(1, 0.49, 5000, false)]
    [InlineData(0, 2.0, 5000, false)]   // nobody waits
    [InlineData(3, null, 5000, false)]  // idle time unknown
    public void It_adds_one_when_one_waits_half_a_core_stood_idle_and_none_started_in_the_last_second(int waiting, double? idle, int sinceLastStartMs, bool adds) =>
        Assert.Equal(adds, NotebookSlots.MayAddOne(waiting, idle, TimeSpan.FromMilliseconds(sinceLastStartMs)));

    [Fact]
    public void It_reads_idle_and_iowait_against_user_to_steal_of_the_machine_line()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice
        Assert.Equal((400UL + 100UL, 100UL + 20 + 80 + 400 + 100 + 5 + 15 + 30), IdleCores.Parse("cpu  100 20 80 400 100 5 15 30 60 0"));
        Assert.Null(IdleCores.Parse("cpu0 100 20 80 400 100 5 15 30 0 0"));
        Assert.Null(IdleCores.Parse("cpu  100 twenty"));
        Assert.Null(IdleCores.Parse(null));
    }

    [Fact]
    public async Task It_counts_idle_cores_over_the_last_second_and_nothing_before_a_second_has_passed()
    {
        ulong ticks = 0;
        // Each reading: 100 more ticks in all, 25 of them idle: a quarter of the cores idle.
        var idle = new IdleCores(() => { ticks += 100; return $"cpu  {ticks * 3 / 4} 0 0 {ticks / 4} 0 0 0 0 0 0"; });

        Assert.Null(idle.Read());
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        Assert.Equal(Environment.ProcessorCount / 4.0, idle.Read()!.Value, precision: 6);
        Assert.Null(new IdleCores(() => "intr 1 2 3").Read());
    }
}
