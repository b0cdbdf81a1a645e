using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// <see cref="InMemoryMetricsStore"/> against every case of the package's metrics store contract,
/// one test case per contract case, so that a failure names the rule broken.
/// </summary>
public sealed class InMemoryMetricsStoreContractTests
{
    public static TheoryData<string> Cases => new(MetricsStoreContract.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task InMemoryMetricsStore_Keeps(string contractCase) =>
        MetricsStoreContract.RunAsync(contractCase, static _ => new(new InMemoryMetricsStore()), TestContext.Current.CancellationToken);
}
