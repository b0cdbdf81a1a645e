using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// The constant-time checks of a root <c>all</c> group, taken out of the instruction array and
/// kept in one typed array per kind, so that <see cref="CompiledConditions"/> runs them as three
/// short loops with no dispatch. A message passes only if every one of them holds.
/// </summary>
internal sealed class RootChecks
{
    public static readonly RootChecks None = new([], [], []);

    public RootChecks(LiteralCheck[] literals, EnumCheck[] enums, RangeCheck[] ranges)
    {
        Literals = literals;
        Enums = enums;
        Ranges = ranges;
    }

    /// <summary>Ordinal <c>is</c>, <c>startsWith</c> and <c>endsWith</c> of a literal of 8 characters or more.</summary>
    public LiteralCheck[] Literals { get; }

    /// <summary>Enum <c>is</c> and <c>isOneOf</c> whose allowed codes all fit in <see cref="EnumBits"/>.</summary>
    public EnumCheck[] Enums { get; }

    /// <summary>Number comparisons that are an interval (all but <c>notEqualTo</c> and a wrapped <c>between</c>), and booleans.</summary>
    public RangeCheck[] Ranges { get; }

    public int Count => Literals.Length + Enums.Length + Ranges.Length;
}

/// <summary>An ordinal literal of 8 characters or more at the start, at the end, or as the whole text of a slot.</summary>
internal struct LiteralCheck
{
    public string Text;
    public int Slot;

    /// <summary>Whether the literal is compared at the end of the text (<c>endsWith</c>).</summary>
    public bool AtEnd;

    /// <summary>Whether the text must be exactly the literal (<c>is</c>).</summary>
    public bool Whole;

    /// <summary>The literal's first 8 characters.</summary>
    public Vector128<ushort> Head;

    /// <summary>The literal's last 8 characters (overlapping the head when shorter than 16); the characters between head and tail are compared last.</summary>
    public Vector128<ushort> Tail;
}

/// <summary>A set of allowed enum codes below <see cref="FieldCatalog.MaxEnumValues"/>.</summary>
internal struct EnumCheck
{
    public int Slot;
    public EnumBits Bits;
}

/// <summary>
/// One bit per value an enum may have (<see cref="FieldCatalog.MaxEnumValues"/>), as contiguous
/// 64-bit words: bit <c>c &amp; 63</c> of word <c>c &gt;&gt; 6</c> is code <c>c</c>.
/// </summary>
[InlineArray(WordCount)]
internal struct EnumBits
{
    /// <summary>The number of 64-bit words, enough for every code of the largest enum.</summary>
    public const int WordCount = (FieldCatalog.MaxEnumValues + 63) / 64;

    private ulong _word;
}

/// <summary>An inclusive interval of a number slot; a missing number (NaN) is outside every interval.</summary>
internal struct RangeCheck
{
    public int Slot;
    public double Low;
    public double High;
}
