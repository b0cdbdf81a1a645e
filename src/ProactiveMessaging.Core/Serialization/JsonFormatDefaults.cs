namespace ProactiveMessaging.Serialization;

/// <summary>The default limits of <see cref="JsonFormatOptions"/>.</summary>
public static class JsonFormatDefaults
{
    /// <summary>The current (and only) format version: 1.</summary>
    public const int FormatVersion = 1;

    /// <summary>The default maximum size of one message document: 256 KiB.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>The default maximum size of one catalog document: 16 MiB.</summary>
    public const int MaxCatalogBytes = 16 * 1024 * 1024;

    /// <summary>The default maximum nesting depth of JSON objects and arrays: 32.</summary>
    public const int MaxDepth = 32;

    /// <summary>The default maximum number of messages in one catalog document: 10,000.</summary>
    public const int MaxCatalogMessages = 10_000;
}
