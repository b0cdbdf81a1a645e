namespace ProactiveMessaging.Tests;

internal static class AllocationAssert
{
    /// <summary>
    /// Asserts that <paramref name="action"/> allocates nothing in steady state: of three rounds of
    /// <paramref name="calls"/> calls, at least one allocates 0 bytes on this thread. An allocation
    /// per call shows in every round; the runtime may allocate once (while it tiers code up) in one round.
    /// </summary>
    public static void ZeroPerCall(Func<bool> action, int calls = 10_000)
    {
        for (var i = 0; i < 200; i++)
        {
            action();
        }

        var rounds = new long[3];
        for (var round = 0; round < rounds.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                action();
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(rounds.Min() == 0, $"allocated {string.Join(", ", rounds)} bytes in rounds of {calls} calls");
    }
}
