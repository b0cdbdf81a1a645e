using ProactiveMessaging.Testing.Storage.Internal;

namespace ProactiveMessaging.Testing.Storage;

/// <summary>
/// One named rule of a store contract, runnable against any store the factory makes: one test
/// per case in the caller's test framework, so that a failure names the rule broken.
/// </summary>
/// <remarks>
/// Immutable and thread-safe: a case keeps no state between runs, and runs of the same case (or of
/// different cases) may go at the same time, each with its own stores and workspace ids.
/// </remarks>
/// <typeparam name="TStore">The store interface the case checks.</typeparam>
public sealed class StoreContractCase<TStore>
    where TStore : class
{
    private readonly Func<ContractRun<TStore>, Task> _body;

    internal StoreContractCase(string name, string description, Func<ContractRun<TStore>, Task> body)
    {
        Name = name;
        Description = description;
        _body = body;
    }

    /// <summary>Gets the case's name, unique in its contract, in the form <c>Subject_Condition_Outcome</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the rule the case checks, as a sentence.</summary>
    public string Description { get; }

    /// <summary>Runs the case against stores from <paramref name="factory"/>, and disposes them.</summary>
    /// <param name="factory">Creates each store the case uses.</param>
    /// <param name="cancellationToken">Cancels the run; passed to the factory and to every store call.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    /// <exception cref="StoreContractException">The store broke the rule, threw where it should not, or could not be created or disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task RunAsync(StoreFactory<TStore> factory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await new ContractRun<TStore>(Name, factory, cancellationToken).ExecuteAsync(_body).ConfigureAwait(false);
    }

    /// <summary>Returns the case's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
