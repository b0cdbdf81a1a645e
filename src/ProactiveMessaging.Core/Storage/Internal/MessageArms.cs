namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// The arms of one message, in the order they were first counted. Arms are few and almost never
/// added, so the list is an array replaced whole under a lock and read without one.
/// </summary>
internal sealed class MessageArms
{
    private readonly Lock _lock = new();
    private ArmCounters[] _arms = [];

    /// <summary>Gets the arms now; the array is never changed after it is published.</summary>
    internal ArmCounters[] Arms => Volatile.Read(ref _arms);

    /// <summary>Finds an arm by id (ordinal), or adds it.</summary>
    internal ArmCounters GetOrAdd(string armId)
    {
        if (Find(Arms, armId) is { } found)
        {
            return found;
        }

        lock (_lock)
        {
            var arms = _arms;
            if (Find(arms, armId) is { } raced)
            {
                return raced;
            }

            var added = new ArmCounters(armId, arms.Length);
            Volatile.Write(ref _arms, [.. arms, added]);
            return added;
        }
    }

    private static ArmCounters? Find(ArmCounters[] arms, string armId)
    {
        foreach (var arm in arms)
        {
            if (string.Equals(arm.ArmId, armId, StringComparison.Ordinal))
            {
                return arm;
            }
        }

        return null;
    }
}
