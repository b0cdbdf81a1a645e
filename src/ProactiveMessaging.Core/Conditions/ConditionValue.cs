using System.Collections.Immutable;
using System.Globalization;

namespace ProactiveMessaging.Conditions;

/// <summary>
/// The value of a condition as written: nothing, a text, a number, a boolean, a list, or a range.
/// In JSON it is the plain value (<c>"text"</c>, <c>30</c>, <c>true</c>, <c>["a","b"]</c>) or
/// <c>{"min": ..., "max": ...}</c> for a range.
/// </summary>
/// <remarks>Immutable and thread-safe; equality is structural.</remarks>
public sealed class ConditionValue : IEquatable<ConditionValue>
{
    private readonly string? _text;
    private readonly double _number;
    private readonly ImmutableArray<ConditionValue> _items;

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
    public static ConditionValue FromList(IEnumerable<ConditionValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new ConditionValue(ConditionValueKind.List, items: [.. items]);
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
        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            ConditionValueKind.None => true,
            ConditionValueKind.Text => string.Equals(_text, other._text, StringComparison.Ordinal),
            ConditionValueKind.Number or ConditionValueKind.Boolean => _number.Equals(other._number),
            _ => _items.SequenceEqual(other._items),
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConditionValue);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(_text, StringComparer.Ordinal);
        hash.Add(_number);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the value in its JSON-like form, for messages and logs.</summary>
    /// <returns>The value as text.</returns>
    public override string ToString() => Kind switch
    {
        ConditionValueKind.None => "none",
        ConditionValueKind.Text => $"\"{_text}\"",
        ConditionValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        ConditionValueKind.Boolean => _number != 0 ? "true" : "false",
        ConditionValueKind.List => $"[{string.Join(", ", _items)}]",
        _ => $"{{min: {_items[0]}, max: {_items[1]}}}",
    };

    private InvalidOperationException WrongKind(ConditionValueKind wanted) =>
        new($"The condition value is a {Kind} value, not a {wanted} value.");
}
