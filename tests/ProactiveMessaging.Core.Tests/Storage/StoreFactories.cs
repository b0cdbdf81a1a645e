using ProactiveMessaging.Storage;
using Xunit.Sdk;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// The store kinds the contract suites run against. A shared store (Redis) adds one line to each
/// table; every contract test then runs against it too.
/// </summary>
public static class StoreFactories
{
    private static readonly Dictionary<string, Func<IFrequencyStore>> FrequencyStores = new(StringComparer.Ordinal)
    {
        ["in-memory"] = static () => new InMemoryFrequencyStore(),
    };

    private static readonly Dictionary<string, Func<IMetricsStore>> MetricsStores = new(StringComparer.Ordinal)
    {
        ["in-memory"] = static () => new InMemoryMetricsStore(),
    };

    public static TheoryData<StoreKind> FrequencyStoreKinds() => new(FrequencyStores.Keys.Select(static k => new StoreKind(k)));

    public static TheoryData<StoreKind> MetricsStoreKinds() => new(MetricsStores.Keys.Select(static k => new StoreKind(k)));

    public static IFrequencyStore CreateFrequencyStore(StoreKind kind) => FrequencyStores[kind.Name]();

    public static IMetricsStore CreateMetricsStore(StoreKind kind) => MetricsStores[kind.Name]();
}

/// <summary>The name of a store kind, serializable so that each kind shows as its own test case.</summary>
public sealed class StoreKind : IXunitSerializable
{
    public StoreKind()
    {
        Name = string.Empty;
    }

    public StoreKind(string name)
    {
        Name = name;
    }

    public string Name { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Name = info.GetValue<string>(nameof(Name)) ?? string.Empty;

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Name), Name);

    public override string ToString() => Name;
}
