namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// Turns a validated condition tree into the flat instruction array of <see cref="CompiledConditions"/>:
/// each condition becomes one specialised instruction that jumps to the next check or to an exit,
/// so AND / OR short-circuit without a stack. Within each group, cheaper items go first.
/// </summary>
internal sealed class ProgramBuilder
{
    private readonly ConditionBinder _binder;
    private readonly List<Instruction> _code = [];
    private readonly List<int> _labels = [];
    private readonly System.Collections.Immutable.ImmutableArray<Problem>.Builder _ignored = System.Collections.Immutable.ImmutableArray.CreateBuilder<Problem>();

    public ProgramBuilder(ConditionBinder binder)
    {
        _binder = binder;
    }

    public Instruction[] Build(ConditionGroup root, out int cost)
    {
        cost = Cost(root);
        EmitGroup(root, Instruction.TrueExit, Instruction.FalseExit);
        var code = _code.ToArray();
        for (var i = 0; i < code.Length; i++)
        {
            code[i].OnTrue = Resolve(code[i].OnTrue);
            code[i].OnFalse = Resolve(code[i].OnFalse);
        }

        return code;
    }

    /// <summary>A static estimate of the work of a node: the runtime may run cheap messages first.</summary>
    internal int Cost(ConditionNode node)
    {
        if (node is ConditionGroup group)
        {
            var sum = 0;
            foreach (var item in group.Items)
            {
                sum += Cost(item);
            }

            return sum;
        }

        var condition = (Condition)node;
        _binder.Catalog.TryGetField(condition.Field, out var field);
        var listLength = condition.Value.Kind == ConditionValueKind.List ? condition.Value.Items.Length : 1;
        var cost = condition.Operator switch
        {
            ConditionOperator.IsSet or ConditionOperator.IsNotSet or ConditionOperator.IsTrue or ConditionOperator.IsFalse => 1,
            ConditionOperator.EqualTo or ConditionOperator.NotEqualTo or ConditionOperator.GreaterThan or ConditionOperator.AtLeast
                or ConditionOperator.LessThan or ConditionOperator.AtMost or ConditionOperator.Between => 1,
            ConditionOperator.Is or ConditionOperator.IsNot => field?.Type == FieldType.Enum ? 1 : 3,
            ConditionOperator.IsOneOf => field?.Type == FieldType.Enum ? 2 : 2 + listLength,
            ConditionOperator.StartsWith or ConditionOperator.EndsWith => 3,
            ConditionOperator.Contains or ConditionOperator.DoesNotContain => field?.Type == FieldType.List ? 8 : 5,
            ConditionOperator.MatchesWildcard => 6,
            ConditionOperator.ContainsOneOf => 4 * listLength,
            ConditionOperator.MatchesPattern => 50,
            _ => 10,
        };
        return field?.Access == FieldAccess.QueryParameter ? cost + 10 : cost;
    }

    private int Resolve(int target) => target < 0 ? target : _labels[target];

    private int NewLabel()
    {
        _labels.Add(-1);
        return _labels.Count - 1;
    }

    private void EmitGroup(ConditionGroup group, int onTrue, int onFalse)
    {
        // Cheap first: the result is the same in any order (the checks have no side effects).
        var items = new ConditionNode[group.Items.Length];
        group.Items.CopyTo(items);
        var costs = Array.ConvertAll(items, Cost);
        var order = new int[items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // A stable sort by cost, keeping the written order among equals.
        Array.Sort(order, (a, b) => costs[a] != costs[b] ? costs[a].CompareTo(costs[b]) : a.CompareTo(b));
        for (var k = 0; k < order.Length; k++)
        {
            var last = k == order.Length - 1;
            var next = last ? 0 : NewLabel();
            var item = items[order[k]];
            if (group.Operator == GroupOperator.All)
            {
                Emit(item, last ? onTrue : next, onFalse);
            }
            else
            {
                Emit(item, onTrue, last ? onFalse : next);
            }

            if (!last)
            {
                _labels[next] = _code.Count;
            }
        }
    }

    private void Emit(ConditionNode node, int onTrue, int onFalse)
    {
        if (node is ConditionGroup group)
        {
            EmitGroup(group, onTrue, onFalse);
            return;
        }

        var bound = _binder.Bind((Condition)node, "$", _ignored)
            ?? throw new InvalidOperationException("The conditions were validated before compiling.");
        var instruction = Translate(bound);
        instruction.OnTrue = onTrue;
        instruction.OnFalse = onFalse;
        _code.Add(instruction);
    }

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
            ConditionOperator.Is when field.LanguageRange => OpCode.LanguageIs,
            ConditionOperator.IsNot when field.LanguageRange => OpCode.LanguageIsNot,
            ConditionOperator.IsOneOf when field.LanguageRange => OpCode.LanguageIsOneOf,
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
            _ => throw new InvalidOperationException($"No instruction for {bound.Operator} on {field.Type}."),
        };

        if (instruction.Op == OpCode.TextWildcard)
        {
            var parts = bound.Text.Split('*');
            instruction.Text = parts[0];
            instruction.Texts = parts[1..];
        }

        if (field.Access == FieldAccess.QueryParameter && instruction.Op is OpCode.IsSet or OpCode.IsNotSet)
        {
            instruction.Op = instruction.Op == OpCode.IsSet ? OpCode.QueryIsSet : OpCode.QueryIsNotSet;
        }

        return instruction;
    }
}
