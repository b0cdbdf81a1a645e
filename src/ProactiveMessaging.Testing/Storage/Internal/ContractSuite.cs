using System.Collections.Frozen;
using System.Collections.Immutable;

namespace ProactiveMessaging.Testing.Storage.Internal;

/// <summary>The cases of one contract, found by name, run one by one or all together.</summary>
/// <remarks>Immutable once built; it holds case definitions only, never the state of a run.</remarks>
internal sealed class ContractSuite<TStore>
    where TStore : class
{
    private readonly FrozenDictionary<string, StoreContractCase<TStore>> _byName;
    private readonly string _contractName;

    internal ContractSuite(string contractName, IEnumerable<StoreContractCase<TStore>> cases)
    {
        _contractName = contractName;
        Cases = [.. cases];
        Names = [.. Cases.Select(static c => c.Name)];
        _byName = Cases.ToFrozenDictionary(static c => c.Name, StringComparer.Ordinal);
        if (_byName.Count != Cases.Length)
        {
            throw new InvalidOperationException($"The {contractName} has two cases with the same name.");
        }
    }

    internal ImmutableArray<StoreContractCase<TStore>> Cases { get; }

    internal ImmutableArray<string> Names { get; }

    internal StoreContractCase<TStore> Get(string caseName)
    {
        ArgumentNullException.ThrowIfNull(caseName);
        return _byName.TryGetValue(caseName, out var found)
            ? found
            : throw new ArgumentException($"The {_contractName} has no case named '{caseName}'. Its cases are: {string.Join(", ", Names)}.", nameof(caseName));
    }

    internal Task RunAsync(string caseName, StoreFactory<TStore> factory, CancellationToken cancellationToken) =>
        Get(caseName).RunAsync(factory, cancellationToken);

    internal async Task RunAllAsync(StoreFactory<TStore> factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        List<StoreContractException>? failures = null;
        foreach (var contractCase in Cases)
        {
            try
            {
                await contractCase.RunAsync(factory, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreContractException failure)
            {
                (failures ??= []).Add(failure);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException($"{failures.Count} of the {Cases.Length} cases of the {_contractName} failed.", failures);
        }
    }
}
