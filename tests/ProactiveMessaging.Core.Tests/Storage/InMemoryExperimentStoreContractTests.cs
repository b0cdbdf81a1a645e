using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// <see cref="InMemoryExperimentStore"/> against every case of the package's experiment store
/// contract, one test case per contract case, so that a failure names the rule broken.
/// </summary>
public sealed class InMemoryExperimentStoreContractTests
{
    public static TheoryData<string> Cases => new(ExperimentStoreContract.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task InMemoryExperimentStore_Keeps(string contractCase) =>
        ExperimentStoreContract.RunAsync(contractCase, static _ => new(new InMemoryExperimentStore()), TestContext.Current.CancellationToken);
}
