namespace ProactiveMessaging.Redis.Internal;

/// <summary>The stores' argument checks of ids, with one message naming the rule.</summary>
internal static class IdChecks
{
    internal static void ThrowIfInvalid(bool valid, string paramName)
    {
        if (!valid)
        {
            throw new ArgumentException("An id is missing or breaks the id rule (letters, digits, '-', '_', '.', ':'; 64 characters, 256 for visitor, visit and page view ids).", paramName);
        }
    }
}
