using ProactiveMessaging.Model;

namespace ProactiveMessaging.Serialization;

/// <summary>The limits applied when reading the JSON format, and the validator used for what is read.</summary>
/// <remarks>A plain options class: set it up once, then treat it as read-only.</remarks>
public sealed class JsonFormatOptions
{
    /// <summary>Gets or sets the maximum size in bytes of a message document; checked before parsing.</summary>
    /// <value>The default value is <see cref="JsonFormatDefaults.MaxMessageBytes"/> (256 KiB).</value>
    public int MaxMessageBytes { get; set; } = JsonFormatDefaults.MaxMessageBytes;

    /// <summary>Gets or sets the maximum size in bytes of a catalog document; checked before parsing.</summary>
    /// <value>The default value is <see cref="JsonFormatDefaults.MaxCatalogBytes"/> (16 MiB).</value>
    public int MaxCatalogBytes { get; set; } = JsonFormatDefaults.MaxCatalogBytes;

    /// <summary>Gets or sets the maximum nesting depth of objects and arrays.</summary>
    /// <value>The default value is <see cref="JsonFormatDefaults.MaxDepth"/> (32).</value>
    public int MaxDepth { get; set; } = JsonFormatDefaults.MaxDepth;

    /// <summary>Gets or sets the maximum number of messages in a catalog document.</summary>
    /// <value>The default value is <see cref="JsonFormatDefaults.MaxCatalogMessages"/> (10,000).</value>
    public int MaxCatalogMessages { get; set; } = JsonFormatDefaults.MaxCatalogMessages;

    /// <summary>
    /// Gets or sets a value indicating whether reading a catalog leaves out the messages that
    /// cannot be read and returns the rest, with the problems of those left out beside the value.
    /// When <see langword="false"/>, one bad message fails the whole catalog.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: a catalog is read whole or not at all.</value>
    public bool SkipInvalidMessages { get; set; }

    /// <summary>Gets or sets the validator applied to every message read.</summary>
    /// <value>The default value is <see cref="MessageValidator.Default"/>.</value>
    public MessageValidator Validator { get; set; } = MessageValidator.Default;
}
