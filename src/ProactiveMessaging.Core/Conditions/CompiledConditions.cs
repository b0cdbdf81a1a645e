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
/// <c>docs/conditions.md</c> explains the compiled form: the constant-time conditions of a root
/// <c>all</c> group run first as typed loops (text literals, enum sets, number intervals); every
/// other condition is one instruction holding its parsed operand and the index of the next
/// instruction when it holds and when it does not, so <c>all</c> and <c>any</c> short-circuit
/// with a jump; within each group the cheaper checks run first, which never changes the result.
/// </para>
/// </remarks>
public sealed class CompiledConditions
{
    private readonly LiteralCheck[] _literals;
    private readonly EnumCheck[] _enums;
    private readonly RangeCheck[] _ranges;
    private readonly Instruction[] _code;
    private readonly ReferenceInterpreter _reference;
    private long _patternTimeouts;

    internal CompiledConditions(ConditionGroup source, FieldCatalog catalog, RootChecks checks, Instruction[] code, ReferenceInterpreter reference)
    {
        Source = source;
        Catalog = catalog;
        _literals = checks.Literals;
        _enums = checks.Enums;
        _ranges = checks.Ranges;
        _code = code;
        Shape = ComputeShape(checks, code);
        _reference = reference;
    }

    /// <summary>Gets the conditions as written.</summary>
    public ConditionGroup Source { get; }

    /// <summary>Gets the catalog the conditions were compiled with; visitors must come from it or from a catalog that extends it.</summary>
    public FieldCatalog Catalog { get; }

    /// <summary>Gets the number of conditions (checks) in the compiled form.</summary>
    public int ConditionCount => _literals.Length + _enums.Length + _ranges.Length + _code.Length;

    /// <summary>The number of constant-time checks of the root <c>all</c> group run before the instructions, for tests.</summary>
    internal int RootCheckCount => _literals.Length + _enums.Length + _ranges.Length;

    /// <summary>The regexes of the <c>matchesPattern</c> conditions, in instruction order, for tests.</summary>
    internal IEnumerable<Regex> Patterns => _code.Where(instruction => instruction.Pattern is not null).Select(instruction => instruction.Pattern!);

    /// <summary>
    /// A key shared by conditions of the same structure (as many root checks of each kind, the same
    /// instruction ops and jumps): a runtime that evaluates many messages for one event can run
    /// those of one shape one after another, so that the processor predicts their branches.
    /// </summary>
    internal int Shape { get; }

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

        return Run(visitor);
    }

    /// <summary>
    /// Evaluates without the catalog check, for a caller that has made it once for many messages
    /// (the runtime checks a visitor against the catalog its plans were compiled with).
    /// </summary>
    internal bool Run(VisitorContext visitor)
    {
        // The constant-time checks of a root `all` first, one short loop per kind with no
        // dispatch: page literals (usually the most selective), enums, then number intervals.
        // The catalog check guarantees every slot index is inside the visitor's arrays, so the
        // reads below skip bounds checks. A missing text is empty, shorter than any literal here.
        foreach (ref readonly var check in _literals.AsSpan())
        {
            var text = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Texts), check.Slot).Span;
            if (!MatchesLiteral(text, check.Text, check.Head, check.Tail, check.AtEnd, check.Whole))
            {
                return false;
            }
        }

        foreach (ref readonly var check in _enums.AsSpan())
        {
            var code = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Codes), check.Slot);
            if (!InSet(ref Unsafe.As<EnumBits, ulong>(ref Unsafe.AsRef(in check.Bits)), EnumBits.WordCount, code))
            {
                return false;
            }
        }

        foreach (ref readonly var check in _ranges.AsSpan())
        {
            // A missing number is NaN, outside every interval.
            var value = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), check.Slot);
            if (!(value >= check.Low && value <= check.High))
            {
                return false;
            }
        }

        return _code.Length == 0 || RunInstructions(visitor);
    }

    private bool RunInstructions(VisitorContext visitor)
    {
        // The builder only emits instruction indexes inside the array or the two negative exits,
        // so the reads below skip bounds checks. Each case computes the next instruction directly
        // (no intermediate result to test), which keeps the loop to one dispatch per check.
        ref var first = ref MemoryMarshal.GetArrayDataReference(_code);
        ref readonly var instruction = ref first;
        while (true)
        {
            int next;

            // The cheap checks are inlined here; a missing number is NaN and a missing enum is
            // UnsetCode, so each comparison below is false for a missing value by itself.
            switch (instruction.Op)
            {
                case OpCode.NumberEqualTo:
                    next = Number(visitor, in instruction) == instruction.Number ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.NumberNotEqualTo:
                    var value = Number(visitor, in instruction);
                    next = value < instruction.Number || value > instruction.Number ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.NumberGreaterThan:
                    next = Number(visitor, in instruction) > instruction.Number ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.NumberAtLeast:
                    next = Number(visitor, in instruction) >= instruction.Number ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.NumberLessThan:
                    next = Number(visitor, in instruction) < instruction.Number ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.NumberAtMost:
                    next = Number(visitor, in instruction) <= instruction.Number ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.NumberBetween:
                    value = Number(visitor, in instruction);
                    next = value >= instruction.Number && value <= instruction.Maximum ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.IsTrue:
                    next = Number(visitor, in instruction) == 1 ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.IsFalse:
                    next = Number(visitor, in instruction) == 0 ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.EnumIs:
                    next = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Codes), instruction.Slot) == instruction.Code ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.EnumIsOneOf:
                    var bits = instruction.Bits;
                    next = InSet(ref MemoryMarshal.GetArrayDataReference(bits), bits.Length, Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Codes), instruction.Slot))
                        ? instruction.OnTrue
                        : instruction.OnFalse;
                    break;
                case OpCode.TextStartsWithLiteral:
                    next = Present(visitor, in instruction)
                        && AtLiteral(Text(visitor, in instruction), in instruction, atEnd: false, whole: false) ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.TextEndsWithLiteral:
                    next = Present(visitor, in instruction)
                        && AtLiteral(Text(visitor, in instruction), in instruction, atEnd: true, whole: false) ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.TextIsLiteral:
                    next = Present(visitor, in instruction)
                        && AtLiteral(Text(visitor, in instruction), in instruction, atEnd: false, whole: true) ? instruction.OnTrue : instruction.OnFalse;
                    break;
                case OpCode.TextContains or OpCode.TextDoesNotContain when instruction.Pairs != 0
                    && !PairSignature.MayContain(visitor.PairSignatureOf(instruction.Slot), instruction.Pairs):
                    // The text lacks one of the operand's character pairs: it cannot contain it
                    // (and a missing text is empty, so it lacks them all).
                    next = instruction.Op == OpCode.TextDoesNotContain && Present(visitor, in instruction)
                        ? instruction.OnTrue
                        : instruction.OnFalse;
                    break;
                case OpCode.TextIs or OpCode.TextIsNot or OpCode.TextStartsWith or OpCode.TextEndsWith or OpCode.TextContains or OpCode.TextDoesNotContain:
                    next = Present(visitor, in instruction)
                        && SimpleText(instruction.Op, Text(visitor, in instruction), in instruction) ? instruction.OnTrue : instruction.OnFalse;
                    break;
                default:
                    next = Check(in instruction, visitor) ? instruction.OnTrue : instruction.OnFalse;
                    break;
            }

            if (next < 0)
            {
                return next == Instruction.TrueExit;
            }

            instruction = ref Unsafe.Add(ref first, next);
        }
    }

    private static int ComputeShape(RootChecks checks, Instruction[] code)
    {
        // Deterministic (not HashCode, which is seeded per process), so that an evaluation order
        // built from it is the same in every run.
        var shape = (uint)((checks.Literals.Length << 20) | (checks.Enums.Length << 10) | checks.Ranges.Length);
        foreach (ref readonly var instruction in code.AsSpan())
        {
            shape = ((shape << 5) | (shape >> 27)) ^ (uint)instruction.Op ^ ((uint)instruction.OnTrue << 8) ^ ((uint)instruction.OnFalse << 16);
        }

        return (int)shape;
    }

    /// <summary>Whether enum code <paramref name="code"/> is set in a bit set of <paramref name="wordCount"/> 64-bit words; a missing enum (UnsetCode, negative) never is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InSet(ref ulong words, int wordCount, int code) =>
        (uint)code < (uint)wordCount * 64 && (Unsafe.Add(ref words, code >> 6) & (1UL << (code & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Present(VisitorContext visitor, in Instruction instruction) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Present), instruction.Slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Number(VisitorContext visitor, in Instruction instruction) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Numbers), instruction.Slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<char> Text(VisitorContext visitor, in Instruction instruction) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(visitor.Texts), instruction.Slot).Span;

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
            case OpCode.NumberIsOneOf:
                return NumberIsOneOf(visitor.Numbers[slot], instruction.Numbers);
            case OpCode.NumberIsNotOneOf:
                // A missing number is NaN: in no list, and not "not in" one either.
                var number = visitor.Numbers[slot];
                return !double.IsNaN(number) && !NumberIsOneOf(number, instruction.Numbers);
            case OpCode.NumberBetweenWrapped:
                var value = visitor.Numbers[slot];
                return value >= instruction.Number || value <= instruction.Maximum;
            case OpCode.EnumIsNot:
                var code = visitor.Codes[slot];
                return code != VisitorContext.UnsetCode && code != instruction.Code;
            case OpCode.EnumIsNotOneOf:
                // Like isNot, a value outside the allowed ones is in no list; a missing one fails.
                code = visitor.Codes[slot];
                return code != VisitorContext.UnsetCode && !InSet(ref MemoryMarshal.GetArrayDataReference(instruction.Bits), instruction.Bits.Length, code);
            case OpCode.ListContains:
                return visitor.Present[slot] && ListHasAny(visitor.Lists[slot]!, instruction.Text, null, instruction.Comparison);
            case OpCode.ListDoesNotContain:
                return visitor.Present[slot] && !ListHasAny(visitor.Lists[slot]!, instruction.Text, null, instruction.Comparison);
            case OpCode.ListContainsOneOf:
                return visitor.Present[slot] && ListHasAny(visitor.Lists[slot]!, null, instruction.Texts, instruction.Comparison);
            case >= OpCode.VersionEqualTo and <= OpCode.VersionIsOneOf:
                return visitor.Present[slot] && VersionChecks.Holds(instruction.Op, in visitor.Versions[slot], visitor.Texts[slot], instruction.Versions!, instruction.Texts);
            case >= OpCode.InstantWithinLast and <= OpCode.DateMoreThanAgo:
                return DateChecks.Holds(instruction.Op, visitor.Numbers[slot], visitor.NowMilliseconds, instruction.Number);
            case OpCode.IpIsInRange:
                return visitor.Present[slot] && IpRange.InAny(instruction.Ranges!, visitor.IpAddresses[slot]);
            case OpCode.IpIsNotInRange:
                // The negation's rule: a visitor without an address meets neither form.
                return visitor.Present[slot] && !IpRange.InAny(instruction.Ranges!, visitor.IpAddresses[slot]);
            default:
                return visitor.Present[slot] && CheckText(instruction.Op, visitor.Texts[slot].Span, in instruction);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AtLiteral(ReadOnlySpan<char> text, in Instruction instruction, bool atEnd, bool whole) =>
        MatchesLiteral(text, instruction.Text, instruction.Head, instruction.Tail, atEnd, whole);

    /// <summary>
    /// Compares an ordinal literal of 8 characters or more at the start or the end of a text (or
    /// as the whole text): its first and last 8 characters as two vectors, then, for a literal
    /// longer than 16, the characters between them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MatchesLiteral(ReadOnlySpan<char> text, string literal, Vector128<ushort> head, Vector128<ushort> tail, bool atEnd, bool whole)
    {
        var length = literal.Length;
        if (whole ? text.Length != length : text.Length < length)
        {
            return false;
        }

        ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(text), atEnd ? text.Length - length : 0);
        ref var first = ref Unsafe.As<char, ushort>(ref start);
        return Vector128.LoadUnsafe(ref first) == head
            && Vector128.LoadUnsafe(ref first, (nuint)(length - 8)) == tail
            && (length <= 16 || MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref start, 8), length - 16).SequenceEqual(literal.AsSpan(8, length - 16)));
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
                return MatchPattern(instruction.Pattern!, text, out var matched) && matched;
            case OpCode.TextIsOneOf:
                return EqualsOneOf(text, instruction.Texts, comparison);

            // Negation: the caller has checked that the visitor has a value.
            case OpCode.TextIsNotOneOf:
                return !EqualsOneOf(text, instruction.Texts, comparison);
            case OpCode.TextDoesNotStartWith:
                return !(comparison == StringComparison.Ordinal ? text.StartsWith(instruction.Text) : text.StartsWith(instruction.Text, comparison));
            case OpCode.TextDoesNotEndWith:
                return !(comparison == StringComparison.Ordinal ? text.EndsWith(instruction.Text) : text.EndsWith(instruction.Text, comparison));
            case OpCode.TextNotWildcard:
                return !Matching.Wildcard(text, instruction.Text, instruction.Texts, comparison);
            case OpCode.TextNotPattern:
                // A time-out is no answer: the negation fails as the match does.
                return MatchPattern(instruction.Pattern!, text, out matched) && !matched;
            case OpCode.LanguageIsNotOneOf:
                return !LanguageIsOneOf(text, instruction.Texts);
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
                return LanguageIsOneOf(text, instruction.Texts);
            default:
                return false;
        }
    }

    /// <summary>Whether a number equals an item, by <c>==</c> (NaN, a missing number, equals none; 0 equals -0).</summary>
    private static bool NumberIsOneOf(double number, double[] items)
    {
        foreach (var item in items)
        {
            if (item == number)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EqualsOneOf(ReadOnlySpan<char> text, string[] items, StringComparison comparison)
    {
        foreach (var item in items)
        {
            if (text.Equals(item, comparison))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LanguageIsOneOf(ReadOnlySpan<char> tag, string[] ranges)
    {
        foreach (var range in ranges)
        {
            if (Matching.LanguageRange(tag, range))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>Runs a pattern; <see langword="false"/> when it timed out, so that neither it nor its negation holds.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool MatchPattern(Regex pattern, ReadOnlySpan<char> text, out bool matched)
    {
        try
        {
            matched = pattern.IsMatch(text);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            // Linear time has known worst cases: a time-out makes the condition false and is counted.
            Interlocked.Increment(ref _patternTimeouts);
            matched = false;
            return false;
        }
    }
}
