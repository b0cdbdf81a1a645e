namespace ProactiveMessaging.Testing.Storage;

/// <summary>
/// Creates a store for one contract case. A case may call it more than once (to compare two
/// stores); every store it returns is disposed when the case ends (asynchronously when it is
/// <see cref="IAsyncDisposable"/>, else when it is <see cref="IDisposable"/>).
/// </summary>
/// <remarks>
/// Return a new store, or a new client of a shared server: cases use workspace ids of their own
/// (a new one per case run), so a shared server needs no cleaning between cases or runs. The
/// factory may be called from several cases at once when the test framework runs them in parallel.
/// </remarks>
/// <typeparam name="TStore">The store interface.</typeparam>
/// <param name="cancellationToken">The case's token; cancelled when the caller cancels the run.</param>
/// <returns>The store to check.</returns>
public delegate ValueTask<TStore> StoreFactory<TStore>(CancellationToken cancellationToken)
    where TStore : class;
