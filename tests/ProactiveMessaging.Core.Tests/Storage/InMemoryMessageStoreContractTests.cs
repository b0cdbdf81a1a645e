using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// <see cref="InMemoryMessageStore"/> against every case of the package's message store contract,
/// one test case per contract case, so that a failure names the rule broken.
/// </summary>
public sealed class InMemoryMessageStoreContractTests
{
    public static TheoryData<string> Cases => new(MessageStoreContract.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task InMemoryMessageStore_Keeps(string contractCase) =>
        MessageStoreContract.RunAsync(contractCase, static _ => new(new InMemoryMessageStore()), TestContext.Current.CancellationToken);
}
