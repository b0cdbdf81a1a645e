using System.ComponentModel.DataAnnotations;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging;

/// <summary>
/// The options of the runtime engine, of the message catalog and of the services
/// <c>AddProactiveMessaging</c> registers. Build the catalog and the engine from one instance so
/// that authoring and the runtime agree on the fields and the limits.
/// </summary>
/// <remarks>
/// A plain options class, validated when the host starts (every problem named). Set it up once,
/// then treat it as read-only. The defaults are in <see cref="ProactiveMessagingDefaults"/>.
/// </remarks>
public sealed class ProactiveMessagingOptions
{
    /// <summary>
    /// Gets or sets the inactivity after which the engine starts a new visit for a visitor whose
    /// events carry no session id: an event at least this long after the visitor's previous event
    /// starts a new visit (an event exactly one gap later already does), as a 30-minute session
    /// time-out does in web analytics.
    /// </summary>
    /// <value>The default value is <see cref="ProactiveMessagingDefaults.VisitInactivityGap"/> (30 minutes).</value>
    public TimeSpan VisitInactivityGap { get; set; } = ProactiveMessagingDefaults.VisitInactivityGap;

    /// <summary>Gets or sets the engine's deadline for each store call; a store that does not answer in time gives "nothing, store unavailable".</summary>
    /// <value>The default value is <see cref="ProactiveMessagingDefaults.StoreTimeout"/> (250 milliseconds).</value>
    public TimeSpan StoreTimeout { get; set; } = ProactiveMessagingDefaults.StoreTimeout;

    /// <summary>Gets or sets the most proactive messages one visitor is ever sent across the workspace, or <see langword="null"/> for no cap.</summary>
    /// <value>The default value is <see langword="null"/>: no lifetime cap.</value>
    [Range(1, int.MaxValue)]
    public int? LifetimeCap { get; set; }

    /// <summary>Gets or sets the most proactive messages one visitor is sent in one visit, or <see langword="null"/> for no cap.</summary>
    /// <value>The default value is <see langword="null"/>: no per-visit cap.</value>
    [Range(1, int.MaxValue)]
    public int? PerVisitCap { get; set; }

    /// <summary>Gets the sliding fatigue windows across all messages, such as at most 3 in any 24 hours.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<FatigueWindow> FatigueWindows { get; } = new List<FatigueWindow>();

    /// <summary>Gets or sets a value indicating whether a proactive message may be shown while the visitor's conversation is open.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowWhileConversationOpen { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether every visitor event must carry the host's
    /// <see cref="Runtime.VisitorEvent.VisitId"/> and <see cref="Runtime.VisitorEvent.PageViewId"/>,
    /// and every outcome its <see cref="Runtime.OutcomeEvent.VisitId"/>; one without them is answered
    /// as an invalid event (<see cref="Runtime.RuntimeProblemCodes.VisitIdRequired"/>,
    /// <see cref="Runtime.RuntimeProblemCodes.PageViewIdRequired"/>). The engine's own visit tracking
    /// lives in one process: hosts on many nodes without sticky routing turn this on so that every
    /// node sees the same visits and page views (the Redis registration does).
    /// </summary>
    /// <value>The default value is <see langword="false"/>: the engine tracks visits for events without ids.</value>
    public bool RequireVisitIds { get; set; }

    /// <summary>Gets or sets the number of visitors whose visits and page views the engine tracks when events carry no session or page view id.</summary>
    /// <value>The default value is <see cref="ProactiveMessagingDefaults.MaxTrackedVisitors"/> (100,000).</value>
    [Range(1, 100_000_000)]
    public int MaxTrackedVisitors { get; set; } = ProactiveMessagingDefaults.MaxTrackedVisitors;

    /// <summary>
    /// Gets or sets the field catalogue (built-in fields plus the host's custom attributes and
    /// events) that conditions are checked against when the catalog saves a message and compiled
    /// against when the engine plans it.
    /// </summary>
    /// <value>The default value is <see cref="FieldCatalog.Default"/>.</value>
    [Required]
    public FieldCatalog Fields { get; set; } = FieldCatalog.Default;

    /// <summary>
    /// Gets the validation limits (name and text lengths, tags, condition depth and count, pattern
    /// time-out), applied alike when the catalog saves messages and when the engine compiles Live ones.
    /// </summary>
    public MessageValidationOptions Validation { get; } = new();

    /// <summary>
    /// Gets or sets a value indicating whether the catalog seeds the three preset Drafts into each
    /// workspace on its first access. Turn it off for hosts that bring their own content; a
    /// workspace first accessed without presets is marked initialised and never gets them later.
    /// An imported workspace never gets them either way.
    /// </summary>
    /// <value>The default value is <see cref="ProactiveMessagingDefaults.SeedPresets"/> (<see langword="true"/>).</value>
    public bool SeedPresets { get; set; } = ProactiveMessagingDefaults.SeedPresets;

    internal FrequencyPolicy ToFrequencyPolicy() => new()
    {
        LifetimeCap = LifetimeCap,
        PerVisitCap = PerVisitCap,
        Windows = [.. FatigueWindows],
        AllowWhileConversationOpen = AllowWhileConversationOpen,
    };
}
