using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.RegularExpressions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>
/// The conditions of one message, compiled once by <see cref="ConditionCompiler"/> into a flat
/// array of specialised checks that <see cref="Evaluate"/> runs without allocating.
/// </summary>
/// <remarks>
/// <para>
/// Immutable and thread-safe: many threads may evaluate the same instance at once, each with
/// its own <see cref="VisitorContext"/>. Only <see cref="PatternTimeouts"/> changes, atomically.
/// </para>
/// <para>
/// <c>docs/conditions.md</c> explains the compiled form: each condition is one instruction
/// holding its parsed operand and the index of the next instruction when it holds and when it
/// does not, so <c>all</c> and <c>any</c> short-circuit with a jump; within each group the
/// cheaper checks run first, which never changes the result.
/// </para>
/// </remarks>
public sealed class CompiledConditions
{
    private readonly Instruction[] _code;
    private readonly ReferenceInterpreter _reference;
    private long _patternTimeouts;

    internal CompiledConditions(ConditionGroup source, FieldCatalog catalog, Instruction[] code, int cost, ReferenceInterpreter reference)
    {
        Source = source;
        Catalog = catalog;
        _code = code;
        StaticCost = cost;
        _reference = reference;
    }

    /// <summary>Gets the conditions as written.</summary>
    public ConditionGroup Source { get; }

    /// <summary>Gets the catalog the conditions were compiled with; visitors must come from it or from a catalog that extends it.</summary>
    public FieldCatalog Catalog { get; }

    /// <summary>Gets the number of conditions (checks) in the compiled form.</summary>
    public int ConditionCount => _code.Length;

    /// <summary>
    /// Gets a static estimate of the work of one evaluation (1 for a number comparison, about 5 for
    /// a substring search, 50 for a pattern): a runtime may evaluate cheap messages first.
    /// </summary>
    public int StaticCost { get; }

    /// <summary>
    /// Gets how many pattern matches have run out of their time-out since compilation. Each made
    /// its condition false; none reached the caller as an exception.
    /// </summary>
    public long PatternTimeouts => Interlocked.Read(ref _patternTimeouts);

    /// <summary>Evaluates the conditions for a visitor. Allocation-free; never throws.</summary>
    /// <param name="visitor">
    /// The visitor. A <see langword="null"/> visitor, or one made for a catalog that neither is nor
    /// extends <see cref="Catalog"/>, evaluates to <see langword="false"/>.
    /// </param>
    /// <returns><see langword="true"/> when the visitor meets the conditions.</returns>
    public bool Evaluate(VisitorContext visitor)
    {
        if (visitor is null || (!ReferenceEquals(visitor.Catalog, Catalog) && !visitor.Catalog.Extends(Catalog)))
        {
            return false;
        }

        // The catalog check above guarantees every slot index is inside the visitor's arrays, and
        // the builder only emits instruction indexes inside the array or the two negative exits,
        // so the reads below skip bounds checks.
        ref var first = ref MemoryMarshal.GetArrayDataReference(_code);
        var next = 0;
        while (true)
        {
            ref readonly var instruction = ref Unsafe.Add(ref first, next);
            bool held;

            // The cheap checks are inlined here; a missing number is NaN and a missing enum is
            // UnsetCode, so each comparison below is false for a missing value by itself.
            switch (instruction.Op)
            {
                case OpCode.NumberEqualTo:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot) == instruction.Number;
                    break;
                case OpCode.NumberNotEqualTo:
                    var value = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot);
                    held = value < instruction.Number || value > instruction.Number;
                    break;
                case OpCode.NumberGreaterThan:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot) > instruction.Number;
                    break;
                case OpCode.NumberAtLeast:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot) >= instruction.Number;
                    break;
                case OpCode.NumberLessThan:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot) < instruction.Number;
                    break;
                case OpCode.NumberAtMost:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot) <= instruction.Number;
                    break;
                case OpCode.NumberBetween:
                    value = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot);
                    held = value >= instruction.Number && value <= instruction.Maximum;
                    break;
                case OpCode.IsTrue:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot) == 1;
                    break;
                case OpCode.IsFalse:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot) == 0;
                    break;
                case OpCode.EnumIs:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Codes), instruction.Slot) == instruction.Code;
                    break;
                case OpCode.EnumIsOneOf:
                    var code = (uint)Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Codes), instruction.Slot);
                    var bits = instruction.Bits;
                    held = code < (uint)bits.Length * 64 && (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bits), (int)(code >> 6)) & (1UL << (int)(code & 63))) != 0;
                    break;
                case OpCode.TextStartsWithLiteral:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Present), instruction.Slot)
                        && AtLiteral(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Texts), instruction.Slot).Span, in instruction, atEnd: false, whole: false);
                    break;
                case OpCode.TextEndsWithLiteral:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Present), instruction.Slot)
                        && AtLiteral(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Texts), instruction.Slot).Span, in instruction, atEnd: true, whole: false);
                    break;
                case OpCode.TextIsLiteral:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Present), instruction.Slot)
                        && AtLiteral(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Texts), instruction.Slot).Span, in instruction, atEnd: false, whole: true);
                    break;
                case OpCode.TextIs or OpCode.TextIsNot or OpCode.TextStartsWith or OpCode.TextEndsWith or OpCode.TextContains or OpCode.TextDoesNotContain:
                    held = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Present), instruction.Slot) && SimpleText(instruction.Op, Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Texts), instruction.Slot).Span, in instruction);
                    break;
                default:
                    held = Check(in instruction, visitor);
                    break;
            }

            next = held ? instruction.OnTrue : instruction.OnFalse;
            if (next < 0)
            {
                return next == Instruction.TrueExit;
            }
        }
    }

    /// <summary>
    /// Explains an evaluation for "why was this not shown?": every condition and group, by path
    /// (such as <c>$.rules.conditions.any[1].all[0]</c>), with whether it held. Allocates; for
    /// tools and support, not for the hot path. Runs the plain reference interpreter and evaluates
    /// every condition (no short-circuit), so each one has an answer.
    /// </summary>
    /// <param name="visitor">The visitor.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentException">The visitor was made for an unrelated catalog.</exception>
    public ConditionExplanation Explain(VisitorContext visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        if (!visitor.Catalog.Extends(Catalog))
        {
            throw new ArgumentException("The visitor context was made for another field catalog.", nameof(visitor));
        }

        var outcomes = System.Collections.Immutable.ImmutableArray.CreateBuilder<ConditionOutcome>();
        var result = _reference.Evaluate(Source, visitor, ConditionCompiler.RootPath, outcomes);
        return new ConditionExplanation(result, outcomes.ToImmutable());
    }

    private bool Check(in Instruction instruction, VisitorContext visitor)
    {
        var slot = instruction.Slot;
        switch (instruction.Op)
        {
            case OpCode.IsSet:
                return visitor.Present[slot];
            case OpCode.IsNotSet:
                return !visitor.Present[slot];
            case OpCode.QueryIsSet:
                return QueryString.TryGetValue(visitor.Query, instruction.Query!, visitor.Scratch, out _);
            case OpCode.QueryIsNotSet:
                return !QueryString.TryGetValue(visitor.Query, instruction.Query!, visitor.Scratch, out _);
            case OpCode.QueryText:
                return QueryString.TryGetValue(visitor.Query, instruction.Query!, visitor.Scratch, out var parameter)
                    && CheckText(instruction.TextOp, parameter, in instruction);
            case OpCode.NumberBetweenWrapped:
                var value = visitor.Numbers[slot];
                return value >= instruction.Number || value <= instruction.Maximum;
            case OpCode.EnumIsNot:
                var code = visitor.Codes[slot];
                return code != VisitorContext.UnsetCode && code != instruction.Code;
            case OpCode.ListContains:
                return visitor.Present[slot] && ListHasAny(visitor.Lists[slot]!, instruction.Text, null, instruction.Comparison);
            case OpCode.ListDoesNotContain:
                return visitor.Present[slot] && !ListHasAny(visitor.Lists[slot]!, instruction.Text, null, instruction.Comparison);
            case OpCode.ListContainsOneOf:
                return visitor.Present[slot] && ListHasAny(visitor.Lists[slot]!, null, instruction.Texts, instruction.Comparison);
            default:
                return visitor.Present[slot] && CheckText(instruction.Op, visitor.Texts[slot].Span, in instruction);
        }
    }

    /// <summary>Compares an 8 to 16 character literal at the start or the end of a text with two vector loads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AtLiteral(ReadOnlySpan<char> text, in Instruction instruction, bool atEnd, bool whole)
    {
        var length = instruction.Text.Length;
        if (whole ? text.Length != length : text.Length < length)
        {
            return false;
        }

        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var offset = atEnd ? (nuint)(text.Length - length) : 0;
        return Vector128.LoadUnsafe(ref start, offset) == instruction.Head
            && Vector128.LoadUnsafe(ref start, offset + (nuint)(length - 8)) == instruction.Tail;
    }

    /// <summary>The text checks common enough to run inline in the evaluation loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SimpleText(OpCode op, ReadOnlySpan<char> text, in Instruction instruction)
    {
        // Ordinal comparisons call the span overloads directly (vectorised, no comparison switch).
        var ordinal = instruction.Comparison == StringComparison.Ordinal;
        return op switch
        {
            OpCode.TextIs => ordinal ? text.SequenceEqual(instruction.Text) : text.Equals(instruction.Text, StringComparison.OrdinalIgnoreCase),
            OpCode.TextIsNot => !(ordinal ? text.SequenceEqual(instruction.Text) : text.Equals(instruction.Text, StringComparison.OrdinalIgnoreCase)),
            OpCode.TextStartsWith => ordinal ? text.StartsWith(instruction.Text) : text.StartsWith(instruction.Text, StringComparison.OrdinalIgnoreCase),
            OpCode.TextEndsWith => ordinal ? text.EndsWith(instruction.Text) : text.EndsWith(instruction.Text, StringComparison.OrdinalIgnoreCase),
            OpCode.TextContains => ordinal ? text.IndexOf(instruction.Text) >= 0 : text.Contains(instruction.Text, StringComparison.OrdinalIgnoreCase),
            _ => !(ordinal ? text.IndexOf(instruction.Text) >= 0 : text.Contains(instruction.Text, StringComparison.OrdinalIgnoreCase)),
        };
    }

    private bool CheckText(OpCode op, ReadOnlySpan<char> text, in Instruction instruction)
    {
        var comparison = instruction.Comparison;
        switch (op)
        {
            case OpCode.TextIs or OpCode.TextIsNot or OpCode.TextStartsWith or OpCode.TextEndsWith or OpCode.TextContains or OpCode.TextDoesNotContain:
                return SimpleText(op, text, in instruction);
            case OpCode.TextIsLiteral or OpCode.TextStartsWithLiteral or OpCode.TextEndsWithLiteral:
                return AtLiteral(text, in instruction, atEnd: op == OpCode.TextEndsWithLiteral, whole: op == OpCode.TextIsLiteral);
            case OpCode.TextWildcard:
                return Matching.Wildcard(text, instruction.Text, instruction.Texts, comparison);
            case OpCode.TextPattern:
                return MatchPattern(instruction.Pattern!, text);
            case OpCode.TextIsOneOf:
                foreach (var item in instruction.Texts)
                {
                    if (text.Equals(item, comparison))
                    {
                        return true;
                    }
                }

                return false;
            case OpCode.TextContainsOneOf:
                foreach (var item in instruction.Texts)
                {
                    if (text.Contains(item, comparison))
                    {
                        return true;
                    }
                }

                return false;
            case OpCode.LanguageIs:
                return Matching.LanguageRange(text, instruction.Text);
            case OpCode.LanguageIsNot:
                return !Matching.LanguageRange(text, instruction.Text);
            case OpCode.LanguageIsOneOf:
                foreach (var item in instruction.Texts)
                {
                    if (Matching.LanguageRange(text, item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool ListHasAny(IReadOnlyList<string> items, string? single, string[]? candidates, StringComparison comparison)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null)
            {
                continue;
            }

            if (single is not null && string.Equals(item, single, comparison))
            {
                return true;
            }

            if (candidates is not null)
            {
                foreach (var candidate in candidates)
                {
                    if (string.Equals(item, candidate, comparison))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool MatchPattern(Regex pattern, ReadOnlySpan<char> text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // Linear time has known worst cases: a time-out makes the condition false and is counted.
            Interlocked.Increment(ref _patternTimeouts);
            return false;
        }
    }
}
