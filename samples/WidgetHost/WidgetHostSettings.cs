using System.Security.Cryptography;

namespace WidgetHost;

/// <summary>The host's own settings (configuration section <c>WidgetHost</c>), resolved once at start.</summary>
internal sealed class WidgetHostSettings
{
    public const string Section = "WidgetHost";

    /// <summary>Largest visitor request body: an event is a few hundred bytes.</summary>
    public const int VisitorBodyLimit = 16 * 1024;

    /// <summary>Largest admin request body: a whole catalog document.</summary>
    public const int AdminBodyLimit = 4 * 1024 * 1024;

    private WidgetHostSettings(string adminKey, bool adminKeyGenerated, string? redis, string redisKeyPrefix, string catalogPath)
    {
        AdminKey = adminKey;
        AdminKeyGenerated = adminKeyGenerated;
        Redis = redis;
        RedisKeyPrefix = redisKeyPrefix;
        CatalogPath = catalogPath;
    }

    public string AdminKey { get; }

    /// <summary>Gets a value indicating whether no key was configured, so the host made one and prints it.</summary>
    public bool AdminKeyGenerated { get; }

    public string? Redis { get; }

    public string RedisKeyPrefix { get; }

    public string CatalogPath { get; }

    public static WidgetHostSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var key = section["AdminKey"];
        var generated = string.IsNullOrEmpty(key);
        if (generated)
        {
            key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }

        var redis = section["Redis"];
        var prefix = section["RedisKeyPrefix"];
        var catalog = section["CatalogPath"];
        return new WidgetHostSettings(
            key!,
            generated,
            string.IsNullOrWhiteSpace(redis) ? null : redis,
            string.IsNullOrEmpty(prefix) ? "pm:widget:" : prefix,
            string.IsNullOrEmpty(catalog) ? Path.Combine(AppContext.BaseDirectory, "catalog.json") : catalog);
    }
}
