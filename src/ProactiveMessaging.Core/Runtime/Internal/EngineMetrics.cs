using System.Diagnostics;
using System.Diagnostics.Metrics;
using ProactiveMessaging.Diagnostics;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>The engine's instruments. Tags are built only when an instrument is listened to.</summary>
internal sealed class EngineMetrics : IDisposable
{
    private static readonly string[] OutcomeNames = Enum.GetNames<DecisionOutcome>();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _replied;
    private readonly Counter<long> _storeErrors;
    private readonly Counter<long> _exposures;
    private readonly Counter<long> _conversions;

    public EngineMetrics(IMeterFactory? meterFactory, Func<long> patternTimeouts)
    {
        if (meterFactory is null)
        {
            _meter = new Meter(ProactiveMessagingTelemetry.MeterName);
            _ownsMeter = true;
        }
        else
        {
            _meter = meterFactory.Create(ProactiveMessagingTelemetry.MeterName);
        }

        _decisions = _meter.CreateCounter<long>(ProactiveMessagingTelemetry.Decisions, "{decision}", "Decisions made, by outcome.");
        _duration = _meter.CreateHistogram<double>(ProactiveMessagingTelemetry.DecisionDuration, "s", "Time to decide for a visitor event.");
        _sent = _meter.CreateCounter<long>(ProactiveMessagingTelemetry.Sent, "{visitor}", "Visitors newly counted as sent a message.");
        _opened = _meter.CreateCounter<long>(ProactiveMessagingTelemetry.Opened, "{visitor}", "Visitors newly counted as having opened a message.");
        _replied = _meter.CreateCounter<long>(ProactiveMessagingTelemetry.Replied, "{visitor}", "Visitors newly counted as having replied to a message.");
        _exposures = _meter.CreateCounter<long>(ProactiveMessagingTelemetry.ExperimentExposures, "{visitor}", "Visitors newly counted in an experiment arm.");
        _conversions = _meter.CreateCounter<long>(ProactiveMessagingTelemetry.ExperimentConversions, "{visitor}", "Visitors newly counted as converted in an experiment arm.");
        _storeErrors = _meter.CreateCounter<long>(ProactiveMessagingTelemetry.StoreErrors, "{error}", "Store calls that failed or passed the deadline.");
        _meter.CreateObservableCounter(ProactiveMessagingTelemetry.PatternTimeouts, patternTimeouts, "{timeout}", "Pattern conditions that hit their match time-out.");
    }

    /// <summary>Gets a value indicating whether the decision duration is listened to, so that a decision's start must be read.</summary>
    public bool TimesDecisions => _duration.Enabled;

    /// <summary>Counts a decision and records its duration; <paramref name="startTimestamp"/> is 0 when the start was not read.</summary>
    public void Decided(DecisionOutcome outcome, long startTimestamp)
    {
        if (_decisions.Enabled)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeNames[(int)outcome]));
        }

        // A listener that arrived during the decision has no start to measure from.
        if (startTimestamp != 0 && _duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("outcome", OutcomeNames[(int)outcome]));
        }
    }

    public void Counted(MessageMetric metric)
    {
        var counter = metric switch
        {
            MessageMetric.Sent => _sent,
            MessageMetric.Opened => _opened,
            _ => _replied,
        };
        counter.Add(1);
    }

    /// <summary>Counts a visitor newly counted in an arm (<see cref="ArmKind"/>).</summary>
    public void Exposed(string arm)
    {
        if (_exposures.Enabled)
        {
            _exposures.Add(1, new KeyValuePair<string, object?>("arm", ArmKind(arm)));
        }
    }

    /// <summary>Counts a visitor newly counted as converted in an arm.</summary>
    public void Converted(string arm)
    {
        if (_conversions.Enabled)
        {
            _conversions.Add(1, new KeyValuePair<string, object?>("arm", ArmKind(arm)));
        }
    }

    public void StoreError(string store, bool timeout)
    {
        if (_storeErrors.Enabled)
        {
            _storeErrors.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("reason", timeout ? "timeout" : "error"));
        }
    }

    /// <summary>The arm's kind as a tag: the variant ids are the host's and unbounded, so they are not tags.</summary>
    private static string ArmKind(string arm) =>
        arm is ExperimentArms.Control or ExperimentArms.Treatment ? arm : "variant";

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
