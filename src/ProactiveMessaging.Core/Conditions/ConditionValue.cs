using System.Collections.Immutable;
using System.Globalization;

namespace ProactiveMessaging.Conditions;

/// <summary>
/// The value of a condition as written: nothing, a text, a number, a boolean, a list, or a range.
/// In JSON it is the plain value (<c>"text"</c>, <c>30</c>, <c>true</c>, <c>["a","b"]</c>) or
/// <c>{"min": ..., "max": ...}</c> for a range.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equality is structural. Equality, hashing and <see cref="ToString"/> keep
/// their own stack, so lists nested as deep as memory allows never overflow the call stack.
/// </remarks>
public sealed class ConditionValue : IEquatable<ConditionValue>
{
    private readonly string? _text;
    private readonly double _number;
    private readonly ImmutableArray<ConditionValue> _items;

    /// <summary>The number of values, breadth first, that <see cref="GetHashCode"/> reads.</summary>
    private const int HashedValues = 64;

    private ConditionValue(ConditionValueKind kind, string? text = null, double number = 0, ImmutableArray<ConditionValue> items = default)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _items = items.IsDefault ? [] : items;
    }

    /// <summary>Gets the absent value.</summary>
    public static ConditionValue None { get; } = new(ConditionValueKind.None);

    /// <summary>Gets the value <see langword="true"/>.</summary>
    public static ConditionValue True { get; } = new(ConditionValueKind.Boolean, number: 1);

    /// <summary>Gets the value <see langword="false"/>.</summary>
    public static ConditionValue False { get; } = new(ConditionValueKind.Boolean, number: 0);

    /// <summary>Gets the shape of the value.</summary>
    public ConditionValueKind Kind { get; }

    /// <summary>Gets the text of a <see cref="ConditionValueKind.Text"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a text.</exception>
    public string Text => Kind == ConditionValueKind.Text ? _text! : throw WrongKind(ConditionValueKind.Text);

    /// <summary>Gets the number of a <see cref="ConditionValueKind.Number"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public double Number => Kind == ConditionValueKind.Number ? _number : throw WrongKind(ConditionValueKind.Number);

    /// <summary>Gets the boolean of a <see cref="ConditionValueKind.Boolean"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a boolean.</exception>
    public bool Boolean => Kind == ConditionValueKind.Boolean ? _number != 0 : throw WrongKind(ConditionValueKind.Boolean);

    /// <summary>Gets the items of a <see cref="ConditionValueKind.List"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a list.</exception>
    public ImmutableArray<ConditionValue> Items => Kind == ConditionValueKind.List ? _items : throw WrongKind(ConditionValueKind.List);

    /// <summary>Gets the minimum of a <see cref="ConditionValueKind.Range"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a range.</exception>
    public ConditionValue Min => Kind == ConditionValueKind.Range ? _items[0] : throw WrongKind(ConditionValueKind.Range);

    /// <summary>Gets the maximum of a <see cref="ConditionValueKind.Range"/> value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a range.</exception>
    public ConditionValue Max => Kind == ConditionValueKind.Range ? _items[1] : throw WrongKind(ConditionValueKind.Range);

    /// <summary>Converts a string into a text value.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ConditionValue(string text) => FromText(text);

    /// <summary>Converts a number into a number value.</summary>
    /// <param name="number">The number.</param>
    public static implicit operator ConditionValue(double number) => FromNumber(number);

    /// <summary>Converts a boolean into a boolean value.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator ConditionValue(bool value) => FromBoolean(value);

    /// <summary>Creates a text value.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static ConditionValue FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ConditionValue(ConditionValueKind.Text, text: text);
    }

    /// <summary>Creates a number value.</summary>
    /// <param name="number">A finite number.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is NaN or infinite.</exception>
    public static ConditionValue FromNumber(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A condition number must be finite.");
        }

        return new ConditionValue(ConditionValueKind.Number, number: number);
    }

    /// <summary>Creates a boolean value.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static ConditionValue FromBoolean(bool value) => value ? True : False;

    /// <summary>Creates a list value.</summary>
    /// <param name="items">The items, in order.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">An item is null.</exception>
    public static ConditionValue FromList(IEnumerable<ConditionValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        ImmutableArray<ConditionValue> array = [.. items];
        foreach (var item in array)
        {
            if (item is null)
            {
                throw new ArgumentException("A list item must not be null.", nameof(items));
            }
        }

        return new ConditionValue(ConditionValueKind.List, items: array);
    }

    /// <summary>Creates a list of text values.</summary>
    /// <param name="items">The texts, in order.</param>
    /// <returns>The value.</returns>
    public static ConditionValue FromList(params IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return FromList(items.Select(FromText));
    }

    /// <summary>Creates a range value.</summary>
    /// <param name="min">The minimum, included.</param>
    /// <param name="max">The maximum, included.</param>
    /// <returns>The value.</returns>
    public static ConditionValue FromRange(ConditionValue min, ConditionValue max)
    {
        ArgumentNullException.ThrowIfNull(min);
        ArgumentNullException.ThrowIfNull(max);
        return new ConditionValue(ConditionValueKind.Range, items: [min, max]);
    }

    /// <inheritdoc/>
    public bool Equals(ConditionValue? other)
    {
        if (other is null)
        {
            return false;
        }

        // Lists may nest lists as deep as memory allows: compare with an explicit stack, each pair of
        // value objects once (a list object used in several places is compared once).
        var pending = new Stack<(ConditionValue Left, ConditionValue Right)>();
        HashSet<(ConditionValue, ConditionValue)>? seen = null;
        pending.Push((this, other));
        while (pending.TryPop(out var pair))
        {
            var (left, right) = pair;
            if (ReferenceEquals(left, right))
            {
                continue;
            }

            if (left.Kind != right.Kind)
            {
                return false;
            }

            switch (left.Kind)
            {
                case ConditionValueKind.None:
                    continue;
                case ConditionValueKind.Text:
                    if (!string.Equals(left._text, right._text, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    continue;
                case ConditionValueKind.Number or ConditionValueKind.Boolean:
                    if (!left._number.Equals(right._number))
                    {
                        return false;
                    }

                    continue;
            }

            if (left._items.Length != right._items.Length)
            {
                return false;
            }

            for (var i = 0; i < left._items.Length; i++)
            {
                seen ??= new HashSet<(ConditionValue, ConditionValue)>(ReferencePairComparer.Instance);
                if (seen.Add((left._items[i], right._items[i])))
                {
                    pending.Push((left._items[i], right._items[i]));
                }
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConditionValue);

    /// <inheritdoc/>
    /// <remarks>Hashes the values nearest the top, breadth first: equal values hash equally, at a bounded cost.</remarks>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        var budget = HashedValues;
        var pending = new Queue<ConditionValue>();
        pending.Enqueue(this);
        while (budget-- > 0 && pending.TryDequeue(out var value))
        {
            hash.Add(value.Kind);
            hash.Add(value._text, StringComparer.Ordinal);
            hash.Add(value._number);
            hash.Add(value._items.Length);
            foreach (var item in value._items)
            {
                pending.Enqueue(item);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the value in its JSON-like form, for messages and logs.</summary>
    /// <returns>The value as text.</returns>
    public override string ToString() => Describe(int.MaxValue);

    /// <summary>
    /// The JSON-like form of the value, cut at about <paramref name="maxLength"/> characters (ending with
    /// <c>…</c>): problem messages quote values that may be lists nested as deep as memory allows.
    /// </summary>
    internal string Describe(int maxLength)
    {
        var text = new System.Text.StringBuilder();

        // Each entry is a value to write or, when the value is null, a piece of punctuation.
        var pending = new Stack<(ConditionValue? Value, string? Literal)>();
        pending.Push((this, null));
        while (pending.TryPop(out var entry))
        {
            if (text.Length >= maxLength)
            {
                return text.Append('…').ToString();
            }

            if (entry.Value is not { } value)
            {
                text.Append(entry.Literal);
                continue;
            }

            switch (value.Kind)
            {
                case ConditionValueKind.None:
                    text.Append("none");
                    break;
                case ConditionValueKind.Text:
                    text.Append('"').Append(value._text).Append('"');
                    break;
                case ConditionValueKind.Number:
                    text.Append(value._number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case ConditionValueKind.Boolean:
                    text.Append(value._number != 0 ? "true" : "false");
                    break;
                case ConditionValueKind.List:
                    text.Append('[');
                    pending.Push((null, "]"));
                    for (var i = value._items.Length - 1; i >= 0; i--)
                    {
                        pending.Push((value._items[i], null));
                        if (i > 0)
                        {
                            pending.Push((null, ", "));
                        }
                    }

                    break;
                default:
                    text.Append("{min: ");
                    pending.Push((null, "}"));
                    pending.Push((value._items[1], null));
                    pending.Push((null, ", max: "));
                    pending.Push((value._items[0], null));
                    break;
            }
        }

        return text.Length > maxLength ? text.Append('…').ToString() : text.ToString();
    }

    private InvalidOperationException WrongKind(ConditionValueKind wanted) =>
        new($"The condition value is a {Kind} value, not a {wanted} value.");

    /// <summary>Compares pairs of values by reference.</summary>
    private sealed class ReferencePairComparer : IEqualityComparer<(ConditionValue Left, ConditionValue Right)>
    {
        public static readonly ReferencePairComparer Instance = new();

        public bool Equals((ConditionValue Left, ConditionValue Right) x, (ConditionValue Left, ConditionValue Right) y) =>
            ReferenceEquals(x.Left, y.Left) && ReferenceEquals(x.Right, y.Right);

        public int GetHashCode((ConditionValue Left, ConditionValue Right) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Left), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Right));
    }
}
