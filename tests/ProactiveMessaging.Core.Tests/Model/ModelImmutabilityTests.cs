using System.Reflection;
using System.Runtime.CompilerServices;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Model;

public sealed class ModelImmutabilityTests
{
    public static TheoryData<Type> ModelTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(ProactiveMessage).Assembly.GetExportedTypes())
        {
            if (type.Namespace is "ProactiveMessaging.Model" or "ProactiveMessaging.Conditions"
                && !type.IsEnum && !type.IsAbstract && !type.IsInterface
                && !(type.IsSealed && type.IsAbstract)
                && !type.Name.EndsWith("Options", StringComparison.Ordinal))
            {
                data.Add(type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void ModelType_HasNoPublicMutableSetter(Type type)
    {
        var mutable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(mutable);
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void ModelType_IsSealedOrAValueType(Type type) => Assert.True(type.IsSealed || type.IsValueType, $"{type} should be sealed.");

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void ModelType_HasNoPublicWritableField(Type type) =>
        Assert.DoesNotContain(type.GetFields(BindingFlags.Public | BindingFlags.Instance), f => !f.IsInitOnly);

    [Fact]
    public void ModelTypes_AreFound() => Assert.True(ModelTypes().Count >= 10);
}
