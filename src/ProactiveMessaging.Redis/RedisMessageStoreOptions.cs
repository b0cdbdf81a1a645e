using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Redis;

/// <summary>The settings of a <see cref="RedisMessageStore"/>.</summary>
/// <remarks>
/// <para>
/// The store keeps each message in the library's JSON format and validates it when reading it back,
/// so it needs the fields and limits the messages were saved with: set <see cref="Fields"/> and
/// <see cref="Validation"/> as in the <see cref="ProactiveMessagingOptions"/> of the catalog that
/// writes them. A workspace's declared custom attributes and events (its
/// <see cref="WorkspaceSettings"/>) are added to <see cref="Fields"/> per workspace.
/// </para>
/// <para>
/// A plain options class: set it up, then hand it to the store, which copies the values. Not
/// thread-safe while being set up.
/// </para>
/// </remarks>
public sealed class RedisMessageStoreOptions
{
    /// <summary>Gets or sets the prefix of every key and of the changes channel; lets several deployments share a server.</summary>
    /// <value>The default value is <c>pm:</c>.</value>
    public string KeyPrefix { get; set; } = "pm:";

    /// <summary>Gets or sets the fields that stored messages' conditions may test, before a workspace's own declarations.</summary>
    /// <value>The default value is <see cref="FieldCatalog.Default"/>.</value>
    public FieldCatalog Fields { get; set; } = FieldCatalog.Default;

    /// <summary>
    /// Gets or sets the limits that stored messages were validated with, such as the
    /// <see cref="ProactiveMessagingOptions.Validation"/> of the catalog that writes them.
    /// </summary>
    /// <value>The default value is a new <see cref="MessageValidationOptions"/> (its defaults).</value>
    public MessageValidationOptions Validation { get; set; } = new();
}
