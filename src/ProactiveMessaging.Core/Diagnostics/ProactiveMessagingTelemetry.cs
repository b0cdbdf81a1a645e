namespace ProactiveMessaging.Diagnostics;

/// <summary>
/// The names of the library's <see cref="System.Diagnostics.Metrics.Meter"/> and instruments, for
/// hosts that listen (OpenTelemetry: <c>AddMeter(ProactiveMessagingTelemetry.MeterName)</c>).
/// </summary>
/// <remarks>
/// Tags are low-cardinality: <c>outcome</c> (a <see cref="Runtime.DecisionOutcome"/> name),
/// <c>store</c> (<c>frequency</c> or <c>metrics</c>) and <c>reason</c> (<c>error</c> or
/// <c>timeout</c>). No visitor id, name or email address is ever a tag.
/// </remarks>
public static class ProactiveMessagingTelemetry
{
    /// <summary>The meter name: <c>ProactiveMessaging.Core</c>.</summary>
    public const string MeterName = "ProactiveMessaging.Core";

    /// <summary>Counter of decisions, tagged with <c>outcome</c>. Unit <c>{decision}</c>.</summary>
    public const string Decisions = "proactive_messaging.decisions";

    /// <summary>Histogram of the time to decide, in seconds. Unit <c>s</c>.</summary>
    public const string DecisionDuration = "proactive_messaging.decision.duration";

    /// <summary>Counter of visitors newly counted as sent a message. Unit <c>{visitor}</c>.</summary>
    public const string Sent = "proactive_messaging.messages.sent";

    /// <summary>Counter of visitors newly counted as having opened a message. Unit <c>{visitor}</c>.</summary>
    public const string Opened = "proactive_messaging.messages.opened";

    /// <summary>Counter of visitors newly counted as having replied to a message. Unit <c>{visitor}</c>.</summary>
    public const string Replied = "proactive_messaging.messages.replied";

    /// <summary>
    /// Counter of visitors newly counted in an experiment arm (sent a variant or the treatment, or
    /// held out), tagged with <c>arm</c>: <c>variant</c>, <c>treatment</c> or <c>control</c>. Unit <c>{visitor}</c>.
    /// </summary>
    public const string ExperimentExposures = "proactive_messaging.experiments.exposures";

    /// <summary>
    /// Counter of visitors newly counted as converted in an experiment arm, tagged with <c>arm</c> as
    /// <see cref="ExperimentExposures"/> is. Unit <c>{visitor}</c>.
    /// </summary>
    public const string ExperimentConversions = "proactive_messaging.experiments.conversions";

    /// <summary>Counter of store calls that failed or passed the deadline, tagged with <c>store</c> and <c>reason</c>. Unit <c>{error}</c>.</summary>
    public const string StoreErrors = "proactive_messaging.store.errors";

    /// <summary>Observable counter of pattern conditions that hit their match time-out (they evaluate false). Unit <c>{timeout}</c>.</summary>
    public const string PatternTimeouts = "proactive_messaging.conditions.pattern_timeouts";
}
