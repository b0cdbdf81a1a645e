using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// <see cref="InMemoryFrequencyStore"/> against every case of the package's frequency store
/// contract, one test case per contract case, so that a failure names the rule broken.
/// </summary>
public sealed class InMemoryFrequencyStoreContractTests
{
    public static TheoryData<string> Cases => new(FrequencyStoreContract.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task InMemoryFrequencyStore_Keeps(string contractCase) =>
        FrequencyStoreContract.RunAsync(contractCase, static _ => new(new InMemoryFrequencyStore()), TestContext.Current.CancellationToken);
}
