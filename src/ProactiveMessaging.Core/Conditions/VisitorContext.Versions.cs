using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>The version fields of a visitor context.</summary>
public sealed partial class VisitorContext
{
    /// <summary>
    /// The versions of the version slots, read once by their setter; a version's pre-release identifiers
    /// lie in the slot's text. Meaningful only where the slot is present (never cleared: it holds no reference).
    /// </summary>
    internal SemanticVersion[] Versions { get; }

    /// <summary>
    /// Sets <c>app.version</c>, the version of the visitor's app. Surrounding white space is ignored; a
    /// text that is not a version (Semantic Versioning 2.0, with <c>3.2</c> read as 3.2.0 and a leading
    /// <c>v</c> skipped) leaves the field not set, as <c>docs/conditions.md</c> describes.
    /// </summary>
    /// <param name="version">The version, such as <c>2.1.0</c> or <c>3.0.0-beta.2</c>; <see langword="null"/> clears it.</param>
    public void SetAppVersion(string? version) => SetVersion(BuiltInFields.AppVersion, version);

    /// <summary>
    /// Sets a version custom attribute. Surrounding white space is ignored; a text that is not a version
    /// leaves the attribute not set.
    /// </summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="version">The version, such as <c>2.1.0</c>; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a version attribute.</exception>
    public void SetVersion(FieldSlot slot, string? version)
    {
        Check(slot, FieldType.Version, FieldType.Version);
        SetVersion(slot.Index, version);
    }

    private void SetVersion(int slot, string? version)
    {
        var text = version.AsMemory().Trim();
        if (version is null || !SemanticVersion.TryParse(text.Span, out Versions[slot]))
        {
            // Not a version: missing, so that only isNotSet holds (a value that cannot be ordered
            // must not pass "at most" or "not equal to" by accident).
            Clear(slot);
            return;
        }

        SetText(slot, text);
    }
}
