using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

        ref var first = ref MemoryMarshal.GetArrayDataReference(_code);
        var next = 0;
        while (true)
        {
            // The builder only emits indexes inside the array or the two negative exits.
            ref readonly var instruction = ref Unsafe.Add(ref first, next);
            next = Check(in instruction, visitor) ? instruction.OnTrue : instruction.OnFalse;
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
            case OpCode.IsTrue:
                return visitor.Present[slot] && visitor.Numbers[slot] != 0;
            case OpCode.IsFalse:
                return visitor.Present[slot] && visitor.Numbers[slot] == 0;
            case OpCode.NumberEqualTo:
                return visitor.Present[slot] && visitor.Numbers[slot] == instruction.Number;
            case OpCode.NumberNotEqualTo:
                return visitor.Present[slot] && visitor.Numbers[slot] != instruction.Number;
            case OpCode.NumberGreaterThan:
                return visitor.Present[slot] && visitor.Numbers[slot] > instruction.Number;
            case OpCode.NumberAtLeast:
                return visitor.Present[slot] && visitor.Numbers[slot] >= instruction.Number;
            case OpCode.NumberLessThan:
                return visitor.Present[slot] && visitor.Numbers[slot] < instruction.Number;
            case OpCode.NumberAtMost:
                return visitor.Present[slot] && visitor.Numbers[slot] <= instruction.Number;
            case OpCode.NumberBetween:
                return visitor.Present[slot] && visitor.Numbers[slot] >= instruction.Number && visitor.Numbers[slot] <= instruction.Maximum;
            case OpCode.NumberBetweenWrapped:
                return visitor.Present[slot] && (visitor.Numbers[slot] >= instruction.Number || visitor.Numbers[slot] <= instruction.Maximum);
            case OpCode.EnumIs:
                return visitor.Present[slot] && visitor.Codes[slot] == instruction.Code;
            case OpCode.EnumIsNot:
                return visitor.Present[slot] && visitor.Codes[slot] != instruction.Code;
            case OpCode.EnumIsOneOf:
                var code = visitor.Codes[slot];
                return visitor.Present[slot] && code >= 0 && (instruction.Bits[code >> 6] & (1UL << (code & 63))) != 0;
            case OpCode.ListContains:
                return visitor.Present[slot] && ListHasAny(visitor.Lists[slot]!, instruction.Text, null, instruction.Comparison);
            case OpCode.ListDoesNotContain:
                return visitor.Present[slot] && !ListHasAny(visitor.Lists[slot]!, instruction.Text, null, instruction.Comparison);
            case OpCode.ListContainsOneOf:
                return visitor.Present[slot] && ListHasAny(visitor.Lists[slot]!, null, instruction.Texts, instruction.Comparison);
            default:
                return CheckText(in instruction, visitor);
        }
    }

    private bool CheckText(in Instruction instruction, VisitorContext visitor)
    {
        ReadOnlySpan<char> text;
        if (instruction.Query is null)
        {
            if (!visitor.Present[instruction.Slot])
            {
                return false;
            }

            text = visitor.Texts[instruction.Slot].Span;
        }
        else if (!QueryString.TryGetValue(visitor.Query, instruction.Query, visitor.Scratch, out text))
        {
            return false;
        }

        var comparison = instruction.Comparison;
        switch (instruction.Op)
        {
            case OpCode.TextIs:
                return text.Equals(instruction.Text, comparison);
            case OpCode.TextIsNot:
                return !text.Equals(instruction.Text, comparison);
            case OpCode.TextContains:
                return text.Contains(instruction.Text, comparison);
            case OpCode.TextDoesNotContain:
                return !text.Contains(instruction.Text, comparison);
            case OpCode.TextStartsWith:
                return text.StartsWith(instruction.Text, comparison);
            case OpCode.TextEndsWith:
                return text.EndsWith(instruction.Text, comparison);
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
