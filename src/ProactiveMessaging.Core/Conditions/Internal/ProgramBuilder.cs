namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// Turns a validated condition tree into the flat instruction array of <see cref="CompiledConditions"/>:
/// each condition becomes one specialised instruction that jumps to the next check or to an exit,
/// so AND / OR short-circuit without a stack. Within each group, cheaper items go first.
/// </summary>
/// <remarks>
/// It reads the conditions as the validator bound them (nothing is bound twice) and walks the tree
/// with its own stack, however deep the options let groups nest.
/// </remarks>
internal sealed class ProgramBuilder
{
    private readonly IReadOnlyDictionary<Condition, BoundCondition> _bound;
    private readonly List<Instruction> _code = [];
    private readonly List<int> _labels = [];
    private readonly Dictionary<ConditionGroup, int> _groupCosts = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a builder.</summary>
    /// <param name="bound">The bound form of every condition of the tree, by reference, as validation produced it.</param>
    public ProgramBuilder(IReadOnlyDictionary<Condition, BoundCondition> bound)
    {
        _bound = bound;
    }

    public Instruction[] Build(ConditionGroup root, out RootChecks checks)
    {
        checks = RootChecks.None;
        if (root.Operator == GroupOperator.All)
        {
            // The constant-time checks of a root `all` run first, in typed loops; the rest of the
            // group (scans, lists, patterns, nested groups) becomes the instruction array.
            var literals = new List<LiteralCheck>();
            var enums = new List<EnumCheck>();
            var ranges = new List<RangeCheck>();
            var rest = new List<ConditionNode>();
            foreach (var item in root.Items)
            {
                if (item is not Condition condition || !TryAddRootCheck(Translate(condition), literals, enums, ranges))
                {
                    rest.Add(item);
                }
            }

            checks = new RootChecks([.. literals], [.. enums], [.. ranges]);
            if (rest.Count == 0)
            {
                return [];
            }

            root = new ConditionGroup(GroupOperator.All, rest);
        }

        EmitGroup(root, Instruction.TrueExit, Instruction.FalseExit);
        var code = _code.ToArray();
        for (var i = 0; i < code.Length; i++)
        {
            code[i].OnTrue = Resolve(code[i].OnTrue);
            code[i].OnFalse = Resolve(code[i].OnFalse);
        }

        return code;
    }

    /// <summary>Adds an instruction to the typed root checks when it is one of their kinds.</summary>
    private static bool TryAddRootCheck(in Instruction instruction, List<LiteralCheck> literals, List<EnumCheck> enums, List<RangeCheck> ranges)
    {
        switch (instruction.Op)
        {
            case OpCode.TextIsLiteral or OpCode.TextStartsWithLiteral or OpCode.TextEndsWithLiteral:
                literals.Add(new LiteralCheck
                {
                    Slot = instruction.Slot,
                    Text = instruction.Text,
                    AtEnd = instruction.Op == OpCode.TextEndsWithLiteral,
                    Whole = instruction.Op == OpCode.TextIsLiteral,
                    Head = instruction.Head,
                    Tail = instruction.Tail,
                });
                return true;
            case OpCode.EnumIs or OpCode.EnumIsOneOf:
                var set = default(EnumBits);
                Span<ulong> bits = set;
                if (instruction.Op == OpCode.EnumIs)
                {
                    if ((uint)instruction.Code >= EnumBits.WordCount * 64)
                    {
                        return false;
                    }

                    bits[instruction.Code >> 6] = 1UL << (instruction.Code & 63);
                }
                else
                {
                    // Codes past the set cannot be held here; none exist while EnumBits is sized from FieldCatalog.MaxEnumValues.
                    var words = instruction.Bits.AsSpan();
                    if (words.Length > bits.Length && words[bits.Length..].ContainsAnyExcept(0UL))
                    {
                        return false;
                    }

                    words[..Math.Min(words.Length, bits.Length)].CopyTo(bits);
                }

                enums.Add(new EnumCheck { Slot = instruction.Slot, Bits = set });
                return true;
            default:
                if (Interval(in instruction) is not { } interval)
                {
                    return false;
                }

                ranges.Add(new RangeCheck { Slot = instruction.Slot, Low = interval.Low, High = interval.High });
                return true;
        }
    }

    /// <summary>
    /// The inclusive interval a number comparison accepts: <c>x &gt; n</c> is <c>x &gt;= n⁺</c> with
    /// n⁺ the next double up, so every comparison but "not equal" and a wrapped between is one
    /// interval test, and NaN (a missing number) fails it as it fails the comparison.
    /// </summary>
    private static (double Low, double High)? Interval(in Instruction instruction) => instruction.Op switch
    {
        OpCode.NumberEqualTo => (instruction.Number, instruction.Number),
        OpCode.NumberGreaterThan => (Math.BitIncrement(instruction.Number), double.PositiveInfinity),
        OpCode.NumberAtLeast => (instruction.Number, double.PositiveInfinity),
        OpCode.NumberLessThan => (double.NegativeInfinity, Math.BitDecrement(instruction.Number)),
        OpCode.NumberAtMost => (double.NegativeInfinity, instruction.Number),
        OpCode.NumberBetween => (instruction.Number, instruction.Maximum),
        OpCode.IsTrue => (1, 1),
        OpCode.IsFalse => (0, 0),
        _ => null,
    };

    /// <summary>A static estimate of the work of a node, to run the cheap items of a group first.</summary>
    internal int Cost(ConditionNode node) => node is ConditionGroup group ? GroupCost(group) : ConditionCost((Condition)node);

    /// <summary>The sum of the costs of a group's conditions, nested ones included, saturating; computed once per group object.</summary>
    private int GroupCost(ConditionGroup root)
    {
        var stack = new Stack<(ConditionGroup Group, bool Expanded)>();
        stack.Push((root, false));
        while (stack.TryPop(out var entry))
        {
            if (_groupCosts.ContainsKey(entry.Group))
            {
                continue;
            }

            if (!entry.Expanded)
            {
                // Nested groups first, then this one from their costs.
                stack.Push((entry.Group, true));
                foreach (var item in entry.Group.Items)
                {
                    if (item is ConditionGroup nested && !_groupCosts.ContainsKey(nested))
                    {
                        stack.Push((nested, false));
                    }
                }

                continue;
            }

            long sum = 0;
            foreach (var item in entry.Group.Items)
            {
                sum = Math.Min(int.MaxValue, sum + (item is ConditionGroup nested ? _groupCosts[nested] : ConditionCost((Condition)item)));
            }

            _groupCosts[entry.Group] = (int)sum;
        }

        return _groupCosts[root];
    }

    private int ConditionCost(Condition condition)
    {
        // Cost classes, not estimates to the nanosecond: within a group only a clearly more
        // expensive check (a scan of the text, a list, a pattern) moves after cheaper ones.
        // Checks of the same class keep the order written, which often puts the most selective first.
        var field = _bound[condition].Field;
        var listLength = condition.Value.Kind == ConditionValueKind.List ? condition.Value.Items.Length : 1;
        var enumOrLanguage = field.Type == FieldType.Enum || field.LanguageRange;
        var cost = condition.Operator switch
        {
            ConditionOperator.IsSet or ConditionOperator.IsNotSet or ConditionOperator.IsTrue or ConditionOperator.IsFalse => 1,
            ConditionOperator.EqualTo or ConditionOperator.NotEqualTo or ConditionOperator.GreaterThan or ConditionOperator.AtLeast
                or ConditionOperator.LessThan or ConditionOperator.AtMost or ConditionOperator.Between => 1,
            ConditionOperator.Is or ConditionOperator.IsNot or ConditionOperator.StartsWith or ConditionOperator.EndsWith => 1,
            ConditionOperator.DoesNotStartWith or ConditionOperator.DoesNotEndWith => 1,
            ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf => field.Type == FieldType.Enum ? 1 : enumOrLanguage ? 2 : 1 + ((listLength + 3) / 4),
            ConditionOperator.Contains or ConditionOperator.DoesNotContain or ConditionOperator.MatchesWildcard or ConditionOperator.DoesNotMatchWildcard => 4,
            ConditionOperator.ContainsOneOf => 4 * listLength,
            ConditionOperator.IsInRange or ConditionOperator.IsNotInRange => 1 + ((listLength + 3) / 4),
            ConditionOperator.MatchesPattern or ConditionOperator.DoesNotMatchPattern => 50,
            _ => 10,
        };
        return field.Access == FieldAccess.QueryParameter ? cost + 4 : cost;
    }

    private int Resolve(int target) => target < 0 ? target : _labels[target];

    private int NewLabel()
    {
        _labels.Add(-1);
        return _labels.Count - 1;
    }

    private void EmitGroup(ConditionGroup root, int onTrue, int onFalse)
    {
        var stack = new Stack<EmitFrame>();
        stack.Push(new EmitFrame(root, Order(root), onTrue, onFalse));
        while (stack.TryPeek(out var frame))
        {
            if (frame.Next == frame.Order.Length)
            {
                stack.Pop();
                continue;
            }

            var k = frame.Next++;
            if (k > 0)
            {
                // The previous item jumps here when it passes (all) or fails (any).
                _labels[frame.NextLabel] = _code.Count;
            }

            var last = k == frame.Order.Length - 1;
            var next = last ? 0 : NewLabel();
            frame.NextLabel = next;
            // `none` is `any` with its exits swapped: the first item that holds makes the group fail.
            var (itemTrue, itemFalse) = frame.Group.Operator switch
            {
                GroupOperator.All => (last ? frame.OnTrue : next, frame.OnFalse),
                GroupOperator.None => (frame.OnFalse, last ? frame.OnTrue : next),
                _ => (frame.OnTrue, last ? frame.OnFalse : next),
            };
            var item = frame.Group.Items[frame.Order[k]];
            if (item is ConditionGroup group)
            {
                stack.Push(new EmitFrame(group, Order(group), itemTrue, itemFalse));
                continue;
            }

            var instruction = Translate((Condition)item);
            instruction.OnTrue = itemTrue;
            instruction.OnFalse = itemFalse;
            _code.Add(instruction);
        }
    }

    /// <summary>The order in which a group's items run: cheap first, the written order among equals.</summary>
    private int[] Order(ConditionGroup group)
    {
        // The result is the same in any order (the checks have no side effects).
        var costs = new int[group.Items.Length];
        var order = new int[group.Items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            costs[i] = Cost(group.Items[i]);
            order[i] = i;
        }

        // A stable sort by cost, keeping the written order among equals.
        Array.Sort(order, (a, b) => costs[a] != costs[b] ? costs[a].CompareTo(costs[b]) : a.CompareTo(b));
        return order;
    }

    private Instruction Translate(Condition condition) => Translate(_bound[condition]);

    private static Instruction Translate(BoundCondition bound)
    {
        var field = bound.Field;
        var instruction = new Instruction
        {
            Slot = field.Slot,
            Comparison = bound.Comparison,
            Text = bound.Text,
            Texts = bound.Texts,
            Number = bound.Number,
            Maximum = bound.Maximum,
            Numbers = bound.Numbers,
            Code = bound.Code,
            Bits = bound.Codes,
            Pattern = bound.Pattern,
            Query = field.QueryParameter,
        };

        if (field.Access == FieldAccess.EventOccurred)
        {
            // An event count is always set: occurred is count > 0.
            instruction.Op = bound.Operator switch
            {
                ConditionOperator.IsTrue => OpCode.NumberGreaterThan,
                ConditionOperator.IsFalse => OpCode.NumberAtMost,
                ConditionOperator.IsSet => OpCode.IsSet,
                _ => OpCode.IsNotSet,
            };
            instruction.Number = 0;
            return instruction;
        }

        if (field.Type is FieldType.Instant or FieldType.Date && DateChecks.OpCodeOf(field.Type, bound.Operator) is { } dateOp)
        {
            instruction.Op = dateOp;
            return instruction;
        }

        if (field.Type == FieldType.IpAddress && bound.Operator is ConditionOperator.IsInRange or ConditionOperator.IsNotInRange)
        {
            instruction.Op = bound.Operator == ConditionOperator.IsInRange ? OpCode.IpIsInRange : OpCode.IpIsNotInRange;
            instruction.Ranges = bound.Ranges;
            return instruction;
        }

        if (field.Type == FieldType.Version && VersionChecks.OpCodeOf(bound.Operator) is { } versionOp)
        {
            instruction.Op = versionOp;
            instruction.Versions = bound.Versions;
            return instruction;
        }

        instruction.Op = bound.Operator switch
        {
            ConditionOperator.IsSet => OpCode.IsSet,
            ConditionOperator.IsNotSet => OpCode.IsNotSet,
            ConditionOperator.IsTrue => OpCode.IsTrue,
            ConditionOperator.IsFalse => OpCode.IsFalse,
            ConditionOperator.EqualTo => OpCode.NumberEqualTo,
            ConditionOperator.NotEqualTo => OpCode.NumberNotEqualTo,
            ConditionOperator.GreaterThan => OpCode.NumberGreaterThan,
            ConditionOperator.AtLeast => OpCode.NumberAtLeast,
            ConditionOperator.LessThan => OpCode.NumberLessThan,
            ConditionOperator.AtMost => OpCode.NumberAtMost,
            ConditionOperator.Between => bound.Number <= bound.Maximum ? OpCode.NumberBetween : OpCode.NumberBetweenWrapped,
            ConditionOperator.Is when field.Type == FieldType.Enum => OpCode.EnumIs,
            ConditionOperator.IsNot when field.Type == FieldType.Enum => OpCode.EnumIsNot,
            ConditionOperator.IsOneOf when field.Type == FieldType.Enum => OpCode.EnumIsOneOf,
            ConditionOperator.IsNotOneOf when field.Type == FieldType.Enum => OpCode.EnumIsNotOneOf,
            ConditionOperator.IsOneOf when field.Type == FieldType.Number => OpCode.NumberIsOneOf,
            ConditionOperator.IsNotOneOf when field.Type == FieldType.Number => OpCode.NumberIsNotOneOf,
            ConditionOperator.Is when field.LanguageRange => OpCode.LanguageIs,
            ConditionOperator.IsNot when field.LanguageRange => OpCode.LanguageIsNot,
            ConditionOperator.IsOneOf when field.LanguageRange => OpCode.LanguageIsOneOf,
            ConditionOperator.IsNotOneOf when field.LanguageRange => OpCode.LanguageIsNotOneOf,
            ConditionOperator.Contains when field.Type == FieldType.List => OpCode.ListContains,
            ConditionOperator.DoesNotContain when field.Type == FieldType.List => OpCode.ListDoesNotContain,
            ConditionOperator.ContainsOneOf when field.Type == FieldType.List => OpCode.ListContainsOneOf,
            ConditionOperator.Is => OpCode.TextIs,
            ConditionOperator.IsNot => OpCode.TextIsNot,
            ConditionOperator.Contains => OpCode.TextContains,
            ConditionOperator.DoesNotContain => OpCode.TextDoesNotContain,
            ConditionOperator.StartsWith => OpCode.TextStartsWith,
            ConditionOperator.EndsWith => OpCode.TextEndsWith,
            ConditionOperator.MatchesWildcard => OpCode.TextWildcard,
            ConditionOperator.MatchesPattern => OpCode.TextPattern,
            ConditionOperator.IsOneOf => OpCode.TextIsOneOf,
            ConditionOperator.ContainsOneOf => OpCode.TextContainsOneOf,
            ConditionOperator.IsNotOneOf => OpCode.TextIsNotOneOf,
            ConditionOperator.DoesNotStartWith => OpCode.TextDoesNotStartWith,
            ConditionOperator.DoesNotEndWith => OpCode.TextDoesNotEndWith,
            ConditionOperator.DoesNotMatchWildcard => OpCode.TextNotWildcard,
            ConditionOperator.DoesNotMatchPattern => OpCode.TextNotPattern,
            _ => throw new InvalidOperationException($"No instruction for {bound.Operator} on {field.Type}."),
        };

        if (instruction.Op is OpCode.TextWildcard or OpCode.TextNotWildcard)
        {
            var parts = bound.Text.Split('*');
            instruction.Text = parts[0];
            instruction.Texts = parts[1..];
        }

        // An ordinal is / starts with / ends with of 8 characters or more compares two vectors
        // (its first and last 8 characters) before the rest, as the JIT does for a constant string
        // in hand-written code.
        if (instruction.Comparison == StringComparison.Ordinal && bound.Text.Length >= 8
            && field.Access != FieldAccess.QueryParameter && instruction.Op is OpCode.TextIs or OpCode.TextStartsWith or OpCode.TextEndsWith)
        {
            var literal = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(bound.Text.AsSpan());
            instruction.Head = System.Runtime.Intrinsics.Vector128.Create(literal[..8]);
            instruction.Tail = System.Runtime.Intrinsics.Vector128.Create(literal[^8..]);
            instruction.Op = instruction.Op switch
            {
                OpCode.TextIs => OpCode.TextIsLiteral,
                OpCode.TextStartsWith => OpCode.TextStartsWithLiteral,
                _ => OpCode.TextEndsWithLiteral,
            };
        }

        // An ordinal substring search on a slot is skipped when the text lacks one of the
        // operand's character pairs (the visitor computes its text's pairs once per value).
        if (instruction.Comparison == StringComparison.Ordinal && field.Access != FieldAccess.QueryParameter
            && instruction.Op is OpCode.TextContains or OpCode.TextDoesNotContain)
        {
            instruction.Pairs = PairSignature.Of(instruction.Text);
        }

        if (field.Access == FieldAccess.QueryParameter)
        {
            // The text of a query parameter is found first; then the text check runs on it.
            instruction.TextOp = instruction.Op;
            instruction.Op = instruction.Op switch
            {
                OpCode.IsSet => OpCode.QueryIsSet,
                OpCode.IsNotSet => OpCode.QueryIsNotSet,
                _ => OpCode.QueryText,
            };
        }

        return instruction;
    }

    /// <summary>A group being emitted: the order of its items, the next one, and the exits of the group.</summary>
    private sealed class EmitFrame(ConditionGroup group, int[] order, int onTrue, int onFalse)
    {
        public ConditionGroup Group { get; } = group;

        public int[] Order { get; } = order;

        public int OnTrue { get; } = onTrue;

        public int OnFalse { get; } = onFalse;

        public int Next { get; set; }

        /// <summary>The label the previous item jumps to, placed where the next item starts.</summary>
        public int NextLabel { get; set; }
    }
}
