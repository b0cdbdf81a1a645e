using ProactiveMessaging.Tests.Architecture.Synthetic;

namespace ProactiveMessaging.Tests.Architecture;

/// <summary>
/// The edge finder behind <see cref="FolderDependencyTests"/> on synthetic folders: each type of
/// <see cref="Synthetic"/> is a folder of its own, and each uses <see cref="Low"/> in one way, so a
/// kind of use the finder missed would let a real edge through unseen.
/// </summary>
public sealed class FolderGraphTests
{
    private static readonly Dictionary<FolderEdge, string> Synthetic =
        FolderGraph.FromAssembly(typeof(FolderGraphTests).Assembly.Location, SyntheticFolderOf);

    [Theory]
    [InlineData(nameof(ByField))]
    [InlineData(nameof(ByBase))]
    [InlineData(nameof(ByInterface))]
    [InlineData(nameof(ByParameter))]
    [InlineData(nameof(ByMethodBody))]
    [InlineData(nameof(ByLocal))]
    [InlineData(nameof(ByGenericArgument))]
    [InlineData(nameof(ByTypeofInAttribute))]
    [InlineData(nameof(ByLambda))]
    public void FromAssembly_FindsTheUse(string folder) =>
        Assert.Contains(new FolderEdge(folder, nameof(Low)), Synthetic.Keys);

    [Fact]
    public void FromAssembly_FindsNoUseWhereThereIsNone()
    {
        Assert.DoesNotContain(Synthetic.Keys, edge => edge.From == nameof(Low));
        Assert.DoesNotContain(Synthetic.Keys, edge => edge.From == nameof(ByConstantOnly));
    }

    [Fact]
    public void FromSources_FindsTheFoldersAFileImports()
    {
        string root = Directory.CreateTempSubdirectory("folders").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "Widget.cs"), "using System;\nusing ProactiveMessaging.Low.Internal;\nusing static ProactiveMessaging.Other.Helpers;\n\nnamespace ProactiveMessaging.High;\n\ninternal sealed class Widget;\n");
            File.WriteAllText(Path.Combine(root, "Plain.cs"), "namespace ProactiveMessaging.Low;\n\ninternal sealed class Plain;\n");

            var edges = FolderGraph.FromSources(root, FolderDependencyTests.FolderOf);

            Assert.Equal([new FolderEdge("High", "Low"), new FolderEdge("High", "Other")], edges.Keys.OrderBy(edge => edge.ToString(), StringComparer.Ordinal).ToArray());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void FindCycle_NamesTheFoldersOfACycle() =>
        Assert.Equal(
            ["A", "B", "C", "A"],
            FolderGraph.FindCycle([new("A", "B"), new("B", "C"), new("C", "A"), new("C", "D")]));

    [Fact]
    public void FindCycle_WithoutCycle_IsEmpty() =>
        Assert.Empty(FolderGraph.FindCycle([new("A", "B"), new("B", "C"), new("A", "C"), new("D", "A")]));

    [Fact]
    public void FolderOf_ReadsInternalAsItsFolder_AndSplitsTheRoot()
    {
        Assert.Equal("Conditions", FolderDependencyTests.FolderOf("ProactiveMessaging.Conditions.Internal", "ConditionBinder"));
        Assert.Equal("DependencyInjection", FolderDependencyTests.FolderOf("Microsoft.Extensions.DependencyInjection", "ProactiveMessagingServiceCollectionExtensions"));
        Assert.Equal("Root", FolderDependencyTests.FolderOf("ProactiveMessaging", "Problem"));
        Assert.Equal("Options", FolderDependencyTests.FolderOf("ProactiveMessaging", "ProactiveMessagingOptions"));
        Assert.Null(FolderDependencyTests.FolderOf("System.Text.RegularExpressions.Generated", "Regex1"));
    }

    private static string? SyntheticFolderOf(string ns, string typeName) =>
        ns == typeof(Low).Namespace ? typeName : null;
}
