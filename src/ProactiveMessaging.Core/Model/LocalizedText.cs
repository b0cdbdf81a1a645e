using System.Collections.Immutable;

namespace ProactiveMessaging.Model;

/// <summary>
/// A text with optional per-language variants keyed by BCP 47 language tag (<c>pt-BR</c>, <c>de</c>).
/// </summary>
/// <remarks>
/// The runtime picks the variant for the visitor's language with fallback: <c>pt-BR</c>, then
/// <c>pt</c>, then <see cref="Default"/>. Tags compare ordinal-ignore-case. Immutable and thread-safe.
/// </remarks>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    /// <summary>Gets an empty text with no variants, as an incomplete Draft carries.</summary>
    public static LocalizedText Empty { get; } = new(string.Empty);

    /// <summary>Creates a text.</summary>
    /// <param name="defaultText">The text shown when no variant matches the visitor's language.</param>
    /// <param name="variants">Variants by BCP 47 tag; <see langword="null"/> for none.</param>
    public LocalizedText(string defaultText, IEnumerable<KeyValuePair<string, string>>? variants = null)
    {
        ArgumentNullException.ThrowIfNull(defaultText);
        Default = defaultText;
        Variants = variants is null
            ? ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase)
            : ImmutableSortedDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, variants);
        _variants = [.. Variants];
    }

    // A flat copy of the variants: resolving a language on the hot path walks an array, with no enumerator.
    private readonly KeyValuePair<string, string>[] _variants;

    /// <summary>Gets the default text.</summary>
    public string Default { get; }

    /// <summary>Gets the variants by BCP 47 tag, sorted by tag (ordinal, ignoring case).</summary>
    public ImmutableSortedDictionary<string, string> Variants { get; }

    /// <summary>Converts a plain string into a text with no variants.</summary>
    /// <param name="text">The default text.</param>
    public static implicit operator LocalizedText(string text) => new(text);

    /// <summary>Creates a text with no variants.</summary>
    /// <param name="text">The default text.</param>
    /// <returns>The text.</returns>
    public static LocalizedText FromString(string text) => new(text);

    /// <summary>
    /// Picks the text for a language: an exact variant, then each shorter prefix of the tag
    /// (<c>pt-BR</c> then <c>pt</c>), then <see cref="Default"/>.
    /// </summary>
    /// <param name="language">A BCP 47 tag such as <c>pt-BR</c>; <see langword="null"/> or empty for the default.</param>
    /// <returns>The best text for the language.</returns>
    public string Resolve(string? language) => Resolve(language.AsSpan());

    /// <summary>Picks the text for a language given as characters; allocates nothing.</summary>
    internal string Resolve(ReadOnlySpan<char> language)
    {
        if (_variants.Length == 0 || language.IsEmpty)
        {
            return Default;
        }

        var tag = language;
        while (!tag.IsEmpty)
        {
            foreach (var variant in _variants)
            {
                if (tag.Equals(variant.Key, StringComparison.OrdinalIgnoreCase))
                {
                    return variant.Value;
                }
            }

            var dash = tag.LastIndexOf('-');
            tag = dash < 0 ? [] : tag[..dash];
        }

        return Default;
    }

    /// <inheritdoc/>
    public bool Equals(LocalizedText? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!string.Equals(Default, other.Default, StringComparison.Ordinal) || Variants.Count != other.Variants.Count)
        {
            return false;
        }

        foreach (var variant in Variants)
        {
            if (!other.Variants.TryGetValue(variant.Key, out var text) || !string.Equals(text, variant.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Default, StringComparer.Ordinal);
        foreach (var variant in Variants)
        {
            hash.Add(variant.Key, StringComparer.OrdinalIgnoreCase);
            hash.Add(variant.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => Default;
}
