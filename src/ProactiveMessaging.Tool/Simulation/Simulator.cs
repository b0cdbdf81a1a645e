using System.Globalization;
using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tool.Input;

namespace ProactiveMessaging.Tool.Simulation;

/// <summary>
/// Replays an event log through the real engine, line by line: each decision event is decided
/// (<see cref="ProactiveEngine.DecideAsync"/>) and each outcome recorded
/// (<see cref="ProactiveEngine.RecordOutcomeAsync"/>) at the instant of its line, on a clock that
/// follows the log.
/// </summary>
/// <remarks>
/// The clock never goes back: a line up to <see cref="MaxStepBack"/> earlier than the one before
/// (logs merged from several servers are a little out of order) is replayed at the clock's current
/// instant and counted as clamped; a line further back is a bad line, because replaying it at
/// another time would answer for another moment (business hours, frequency windows, visit gaps).
/// Not thread-safe.
/// </remarks>
internal sealed class Simulator
{
    /// <summary>How far back a line's instant may be from the previous line's and still be replayed (clamped).</summary>
    public static readonly Duration MaxStepBack = Duration.FromMinutes(1);

    /// <summary>How many bad lines a report keeps to show (all are counted).</summary>
    public const int BadLinesShown = 5;

    private readonly IReadOnlyList<ToolEngine> _tools;
    private readonly bool _skipBadLines;

    public Simulator(ToolEngine tool, bool skipBadLines)
        : this([tool], skipBadLines)
    {
    }

    /// <summary>A simulator that replays each line through several engines (one per catalog) on clocks that move together.</summary>
    public Simulator(IReadOnlyList<ToolEngine> tools, bool skipBadLines)
    {
        _tools = tools;
        _skipBadLines = skipBadLines;
    }

    /// <summary>Replays the whole log; <paramref name="progress"/> is told the bytes read every so often.</summary>
    public async Task<SimulationReport> RunAsync(EventLogFile log, Action<long>? progress, CancellationToken cancellationToken) =>
        (await RunAllAsync(log, progress, compare: null, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Replays the whole log through every engine, one line at a time; after each decision line,
    /// <paramref name="compare"/> is given the visitor id and each engine's decision, in the engines' order.
    /// A line that any engine's catalog cannot read is a bad line for all.
    /// </summary>
    public async Task<SimulationReport[]> RunAllAsync(EventLogFile log, Action<long>? progress, Action<string, Decision[]>? compare, CancellationToken cancellationToken)
    {
        var reports = _tools.Select(tool => new SimulationReport(tool.Messages)).ToArray();
        var lines = _tools.Select(tool => tool.NewLine()).ToArray();
        var decisions = new Decision[_tools.Count];
        var clock = _tools[0].Clock;
        var started = false;
        while (log.TryReadLine(out var bytes))
        {
            if ((log.LineNumber & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke(log.Position);
            }

            if (bytes.IsEmpty || bytes.IndexOfAnyExcept(" \t"u8) < 0)
            {
                continue;
            }

            EventProblem? problem = null;
            for (var i = 0; i < _tools.Count && problem is null; i++)
            {
                problem = _tools[i].Reader.Read(bytes, lines[i]);
            }

            var line = lines[0];
            if (problem is null && line.At is null)
            {
                problem = new EventProblem("$.at", "an event of a log has its instant, 'at'.");
            }
            else if (problem is null && started && line.At < clock.Now - MaxStepBack)
            {
                problem = new EventProblem("$.at", string.Create(CultureInfo.InvariantCulture, $"the event is at {line.At}, more than {MaxStepBack.TotalSeconds} s before the line before it ({clock.Now}): the log is not in time order."));
            }

            if (problem is not null)
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"{log.Path}:{log.LineNumber}: {problem}");
                if (!_skipBadLines)
                {
                    throw new ToolInputException(message + " (--skip-bad-lines skips such lines)");
                }

                foreach (var report in reports)
                {
                    report.BadLine(message);
                }

                continue;
            }

            var clamped = started && line.At <= clock.Now;
            if (!started || line.At > clock.Now)
            {
                foreach (var tool in _tools)
                {
                    tool.Clock.Now = line.At!.Value;
                }

                started = true;
            }

            for (var i = 0; i < _tools.Count; i++)
            {
                var engine = _tools[i].Engine;
                if (clamped && lines[i].At < clock.Now)
                {
                    reports[i].Clamped++;
                }

                if (line.Type == EventLineType.Outcome)
                {
                    reports[i].Outcome(await engine.RecordOutcomeAsync(lines[i].ToOutcomeEvent(), cancellationToken).ConfigureAwait(false));
                }
                else
                {
                    decisions[i] = await engine.DecideAsync(lines[i].ToVisitorEvent(), cancellationToken).ConfigureAwait(false);
                    reports[i].Decision(decisions[i]);
                }
            }

            if (line.Type != EventLineType.Outcome)
            {
                compare?.Invoke(line.VisitorId, decisions);
            }
        }

        progress?.Invoke(log.Position);
        for (var i = 0; i < _tools.Count; i++)
        {
            reports[i].Lines = log.LineNumber;
            foreach (var message in _tools[i].Messages)
            {
                reports[i].Metrics[message.Id] = await _tools[i].Engine.GetMetricsAsync(_tools[i].WorkspaceId, message.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        return reports;
    }
}

/// <summary>What a replay counted: per message the decisions that showed it and the engine's metrics; per reason the decisions that showed nothing.</summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class SimulationReport
{
    private readonly Dictionary<string, long> _shown = new(StringComparer.Ordinal);

    public SimulationReport(IReadOnlyList<ProactiveMessage> messages)
    {
        Messages = messages;
    }

    /// <summary>Gets the catalog's messages, in the file's order.</summary>
    public IReadOnlyList<ProactiveMessage> Messages { get; }

    /// <summary>Gets the lines of the log, blank and bad ones included.</summary>
    public long Lines { get; set; }

    public long Decisions { get; private set; }

    /// <summary>Gets the decisions per outcome, indexed by <see cref="DecisionOutcome"/>.</summary>
    public long[] ByOutcome { get; } = new long[Enum.GetValues<DecisionOutcome>().Length];

    /// <summary>Gets the outcome lines per answer, indexed by <see cref="OutcomeRecording"/>.</summary>
    public long[] Outcomes { get; } = new long[Enum.GetValues<OutcomeRecording>().Length];

    /// <summary>Gets the lines replayed at the clock's instant because they were a little earlier than the line before.</summary>
    public long Clamped { get; set; }

    public long BadLines { get; private set; }

    /// <summary>Gets the first bad lines, each with its file, line and problem.</summary>
    public List<string> FirstBadLines { get; } = [];

    /// <summary>Gets the engine's visitor counts per message at the end of the replay.</summary>
    public Dictionary<string, MessageMetrics> Metrics { get; } = new(StringComparer.Ordinal);

    public long ShownCount(string messageId) => _shown.GetValueOrDefault(messageId);

    public void Decision(Decision decision)
    {
        Decisions++;
        ByOutcome[(int)decision.Outcome]++;
        if (decision.Message is { } message)
        {
            _shown[message.MessageId] = _shown.GetValueOrDefault(message.MessageId) + 1;
        }
    }

    public void Outcome(OutcomeRecording recording) => Outcomes[(int)recording]++;

    public void BadLine(string message)
    {
        BadLines++;
        if (FirstBadLines.Count < Simulator.BadLinesShown)
        {
            FirstBadLines.Add(message);
        }
    }
}
