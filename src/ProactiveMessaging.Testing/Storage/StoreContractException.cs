namespace ProactiveMessaging.Testing.Storage;

/// <summary>
/// Thrown when a store breaks its contract: names the case, what was checked, what was expected
/// and what the store did.
/// </summary>
/// <remarks>
/// A store that threw where it should not have is reported the same way, with the store's
/// exception as <see cref="Exception.InnerException"/>. Any test framework shows the message as
/// the failure, so a failed case reads without opening the package's code.
/// </remarks>
public sealed class StoreContractException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="caseName">The name of the case that failed.</param>
    /// <param name="check">What the case checked, as a phrase.</param>
    /// <param name="expected">What the contract expects, as text.</param>
    /// <param name="actual">What the store did, as text.</param>
    /// <param name="innerException">The store's exception when it threw, otherwise <see langword="null"/>.</param>
    public StoreContractException(string caseName, string check, string expected, string actual, Exception? innerException = null)
        : base($"Store contract case '{caseName}' failed: {check}. Expected: {expected}. Actual: {actual}.", innerException)
    {
        CaseName = caseName;
        Check = check;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Gets the name of the case that failed, as in <see cref="StoreContractCase{TStore}.Name"/>.</summary>
    public string CaseName { get; }

    /// <summary>Gets what the case checked when it failed, as a phrase.</summary>
    public string Check { get; }

    /// <summary>Gets what the contract expects, as text.</summary>
    public string Expected { get; }

    /// <summary>Gets what the store did, as text.</summary>
    public string Actual { get; }
}
