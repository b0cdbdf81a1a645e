namespace ProactiveMessaging.Testing.Internal;

/// <summary>
/// A failed check inside a contract case, before the case's name is known; the runner turns it
/// into a <see cref="Storage.StoreContractException"/> that names the case.
/// </summary>
internal sealed class CheckFailedException : Exception
{
    internal CheckFailedException(string check, string expected, string actual, Exception? innerException = null)
        : base($"{check}. Expected: {expected}. Actual: {actual}.", innerException)
    {
        Check = check;
        Expected = expected;
        Actual = actual;
    }

    internal string Check { get; }

    internal string Expected { get; }

    internal string Actual { get; }
}
