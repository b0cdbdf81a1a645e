namespace ProactiveMessaging.Storage.Internal;

/// <summary>Which measures a visitor was already counted for, for one message.</summary>
internal sealed class MetricPairEntry : TrackedEntry
{
    /// <summary>One bit per <see cref="Model.MessageMetric"/>; read and written under <c>lock (this)</c>.</summary>
    internal int Counted;
}
