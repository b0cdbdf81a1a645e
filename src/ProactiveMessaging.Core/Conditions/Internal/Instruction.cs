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
    public StringComparison Comparison;
    public int Slot;
    public int OnTrue;
    public int OnFalse;
    public int Code;
    public double Number;
    public double Maximum;

    /// <summary>The text operand; for a wildcard, the literal before the first <c>*</c>.</summary>
    public string Text;

    /// <summary>The list operand; for a wildcard, the literals after each <c>*</c> (the last one anchored at the end).</summary>
    public string[] Texts;

    /// <summary>The query parameter the text comes from, or <see langword="null"/> for a slot.</summary>
    public string? Query;

    public Regex? Pattern;

    public ulong[] Bits;
}
