using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// One check of the compiled form, with where to go next: <see cref="OnTrue"/> and
/// <see cref="OnFalse"/> are instruction indexes, or <see cref="TrueExit"/> / <see cref="FalseExit"/>.
/// </summary>
internal struct Instruction
{
    public const int TrueExit = -1;
    public const int FalseExit = -2;

    public OpCode Op;

    /// <summary>For <see cref="OpCode.QueryText"/>, the text check to run on the parameter's value.</summary>
    public OpCode TextOp;
    public StringComparison Comparison;
    public int Slot;
    public int OnTrue;
    public int OnFalse;
    public int Code;
    public double Number;
    public double Maximum;

    /// <summary>The items of a number <c>isOneOf</c> / <c>isNotOneOf</c>.</summary>
    public double[] Numbers;

    /// <summary>The text operand; for a wildcard, the literal before the first <c>*</c>.</summary>
    public string Text;

    /// <summary>The list operand; for a wildcard, the literals after each <c>*</c> (the last one anchored at the end).</summary>
    public string[] Texts;

    /// <summary>The query parameter the text comes from, or <see langword="null"/> for a slot.</summary>
    public string? Query;

    public Regex? Pattern;

    public ulong[] Bits;

    /// <summary>For a version check, its versions, read from <see cref="Texts"/> (a range: the minimum and maximum).</summary>
    public SemanticVersion[]? Versions;

    /// <summary>For an IP range check, its CIDR blocks.</summary>
    public IpRange[]? Ranges;

    /// <summary>For an ordinal <c>contains</c> / <c>doesNotContain</c> on a slot: the text's <see cref="PairSignature"/>, 0 for none.</summary>
    public ulong Pairs;

    /// <summary>For the ordinal <c>*Literal</c> checks of a text of 8 characters or more: its first and last 8 characters.</summary>
    public Vector128<ushort> Head;

    public Vector128<ushort> Tail;
}
