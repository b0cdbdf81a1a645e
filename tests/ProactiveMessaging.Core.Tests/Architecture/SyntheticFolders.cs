#pragma warning disable CA1812, IDE0044, CA1822, CA1823, IDE0051, IDE0052, IDE0059, IDE0060, CS0169, CS0649 // Never run: these types exist to be read by FolderGraphTests.
using System.ComponentModel;

namespace ProactiveMessaging.Tests.Architecture.Synthetic;

internal class Low
{
    public const int Limit = 3;

    internal interface IMarker;

    public static int Value() => 1;
}

internal sealed class ByField
{
    private Low? _low;
}

internal sealed class ByBase : Low;

internal sealed class ByInterface : Low.IMarker;

internal sealed class ByParameter
{
    public static void Take(Low low)
    {
    }
}

internal sealed class ByMethodBody
{
    public static int Call() => Low.Value();
}

internal sealed class ByLocal
{
    public static bool Check(object value)
    {
        Low[] items = [];
        return value is Low || items.Length > 0;
    }
}

internal sealed class ByGenericArgument
{
    public static int Count() => new List<Low>().Count;
}

[TypeConverter(typeof(Low))]
internal sealed class ByTypeofInAttribute;

internal sealed class ByLambda
{
    public static Func<int> Make() => () => Low.Value();
}

/// <summary>
/// A constant is copied into the IL, so the assembly keeps no trace of it: the finder's source pass
/// (using directives) is what sees a constant taken from another folder.
/// </summary>
internal sealed class ByConstantOnly
{
    public static int Limit() => Low.Limit;
}
