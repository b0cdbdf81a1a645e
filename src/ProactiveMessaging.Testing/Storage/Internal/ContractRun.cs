using System.Runtime.ExceptionServices;
using ProactiveMessaging.Testing.Internal;

namespace ProactiveMessaging.Testing.Storage.Internal;

/// <summary>
/// One run of one contract case: the stores it created (disposed at the end), fresh workspace
/// ids, and the caller's token. Nothing outlives the run, so cases cannot see each other's state.
/// </summary>
internal sealed class ContractRun<TStore>
    where TStore : class
{
    private readonly string _caseName;
    private readonly StoreFactory<TStore> _factory;
    private readonly List<TStore> _stores = [];

    internal ContractRun(string caseName, StoreFactory<TStore> factory, CancellationToken cancellationToken)
    {
        _caseName = caseName;
        _factory = factory;
        Token = cancellationToken;
    }

    /// <summary>Gets the caller's token; every store call of the case passes it.</summary>
    internal CancellationToken Token { get; }

    /// <summary>Creates a store with the caller's factory; it is disposed when the run ends.</summary>
    internal async Task<TStore> CreateStoreAsync()
    {
        TStore? store;
        try
        {
            store = await _factory(Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception))
        {
            throw new CheckFailedException("creating a store with the factory", "a store", $"{exception.GetType().Name}: {exception.Message}", exception);
        }

        if (store is null)
        {
            throw new CheckFailedException("creating a store with the factory", "a store", "null");
        }

        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    /// <summary>
    /// A workspace id no other run uses (a shared server keeps the data of earlier runs), within
    /// the <see cref="IdRule"/>'s 64 characters.
    /// </summary>
    internal static string NewWorkspaceId() => "ws-" + Guid.NewGuid().ToString("N");

    /// <summary>Runs the case's body, disposes the stores, and reports the first failure with the case's name.</summary>
    internal async Task ExecuteAsync(Func<ContractRun<TStore>, Task> body)
    {
        Exception? failure = null;
        try
        {
            await body(this).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = Translate(exception);
        }

        var disposal = await DisposeStoresAsync().ConfigureAwait(false);

        // The case's own failure says more than a disposal that failed after it.
        if ((failure ?? disposal) is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }

    private Exception Translate(Exception exception) => exception switch
    {
        _ when IsCallerCancellation(exception) => exception,
        CheckFailedException failed => new StoreContractException(_caseName, failed.Check, failed.Expected, failed.Actual, failed.InnerException),
        _ => new StoreContractException(_caseName, "calling the store", "no exception", $"{exception.GetType().Name}: {exception.Message}", exception),
    };

    private bool IsCallerCancellation(Exception exception) =>
        exception is OperationCanceledException && Token.IsCancellationRequested;

    private async Task<Exception?> DisposeStoresAsync()
    {
        TStore[] stores;
        lock (_stores)
        {
            stores = [.. _stores];
            _stores.Clear();
        }

        Exception? failure = null;

        // Last created, first disposed, as a using block would.
        for (var i = stores.Length - 1; i >= 0; i--)
        {
            try
            {
                switch (stores[i])
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
            catch (Exception exception)
            {
                failure ??= new StoreContractException(_caseName, "disposing a store the factory created", "no exception", $"{exception.GetType().Name}: {exception.Message}", exception);
            }
        }

        return failure;
    }
}
