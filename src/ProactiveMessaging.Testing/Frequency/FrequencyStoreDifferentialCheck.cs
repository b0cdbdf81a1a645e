using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Testing.Frequency;

/// <summary>
/// Runs random histories of one visitor each (reservations, previews, outcomes, visit and page
/// changes, clock steps on both sides of every fatigue window and of the idle timeout) against a
/// candidate <see cref="IFrequencyStore"/> and the core's <see cref="FrequencyRules"/> side by side,
/// and reports the first operation on which they answer differently.
/// </summary>
/// <remarks>
/// <para>
/// The store must start empty of the check's workspace, have room for <see cref="FrequencyCheckOptions.Sequences"/>
/// visitors (a store that forgets a visitor to stay within its bounds would rightly answer
/// otherwise) and use the idle timeout given in <see cref="FrequencyCheckOptions.VisitorIdleTimeout"/>.
/// The histories run one after another on one clock that only moves forward, each on a visitor of
/// its own. The same seed draws the same histories, so a disagreement replays.
/// </para>
/// <para>Thread-safe: a run keeps its state to itself.</para>
/// </remarks>
public static class FrequencyStoreDifferentialCheck
{
    /// <summary>Runs the check.</summary>
    /// <param name="store">The store under check.</param>
    /// <param name="options">What to run; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run; passed to every store call.</param>
    /// <returns>The report: the first disagreement, if any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<FrequencyCheckReport> RunAsync(IFrequencyStore store, FrequencyCheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new FrequencyCheckOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Sequences, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxOperations, 1, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.WorkspaceId, nameof(options));
        var rules = new FrequencyRules(options.VisitorIdleTimeout);
        var run = new Run(store, rules, options, cancellationToken);
        for (var sequence = 0; sequence < options.Sequences; sequence++)
        {
            if (await run.HistoryAsync(sequence).ConfigureAwait(false) is { } disagreement)
            {
                return new FrequencyCheckReport(options.Seed, sequence + 1, run.Operations, disagreement);
            }
        }

        return new FrequencyCheckReport(options.Seed, options.Sequences, run.Operations, null);
    }

    private sealed class Run(IFrequencyStore store, FrequencyRules rules, FrequencyCheckOptions options, CancellationToken cancellationToken)
    {
        private static readonly string[] VisitIds = ["v1", "v2", "v3"];
        private static readonly string[] PageViewIds = ["p1", "p2", "p3"];
        private static readonly string[] MessageIds = ["a", "b", "c", "d"];
        private static readonly MessageFrequency[] Frequencies = [MessageFrequency.Once, MessageFrequency.OncePerVisit, MessageFrequency.EveryTime];
        private static readonly VisitorOutcome[] Outcomes = Enum.GetValues<VisitorOutcome>();
        private static readonly Duration[] Periods = [Duration.FromMinutes(1), Duration.FromHours(1), Duration.FromDays(1)];

        private readonly Random _random = new(options.Seed);
        private readonly Duration[] _steps =
        [
            Duration.Zero,
            Duration.FromSeconds(1),
            Duration.FromMinutes(1),
            Duration.FromMinutes(1) + Duration.FromTicks(1),
            Duration.FromHours(1),
            Duration.FromHours(1) + Duration.FromTicks(1),
            Duration.FromDays(1),
            Duration.FromDays(1) + Duration.FromTicks(1),
            options.VisitorIdleTimeout,
            options.VisitorIdleTimeout + Duration.FromTicks(1),
        ];

        private Instant _now = options.Start;

        internal long Operations { get; private set; }

        internal async Task<FrequencyDisagreement?> HistoryAsync(int sequence)
        {
            var visitorId = string.Create(CultureInfo.InvariantCulture, $"visitor-{options.Seed}-{sequence}");
            var policy = NextPolicy();
            var state = new VisitorFrequencyState();
            var history = ImmutableArray.CreateBuilder<string>();
            history.Add($"policy: {Describe(policy)}; idle timeout {options.VisitorIdleTimeout}");
            var length = _random.Next(1, options.MaxOperations + 1);
            for (var i = 0; i < length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Operations++;
                string operation, expected, actual;
                switch (_random.Next(16))
                {
                    case < 6:
                        {
                            var request = NextRequest(visitorId, policy);
                            operation = $"reserve {Describe(request)}";
                            var rulesResult = rules.Reserve(state, request);
                            expected = rulesResult.ToString();
                            actual = (await store.TryReserveAsync(request, cancellationToken).ConfigureAwait(false)).ToString();
                            break;
                        }

                    case < 8:
                        {
                            var request = NextRequest(visitorId, policy);
                            operation = $"preview {Describe(request)}";
                            var statuses = new ReservationStatus[request.Candidates.Length];
                            rules.Preview(state, request, statuses);
                            expected = $"[{string.Join(", ", statuses)}]";
                            var answer = await store.PreviewAsync(request, cancellationToken).ConfigureAwait(false);
                            actual = answer.IsDefault ? "no answer" : $"[{string.Join(", ", answer)}]";
                            break;
                        }

                    case < 13:
                        {
                            var visitId = Pick(VisitIds);
                            var outcome = Pick(Outcomes);
                            var messageId = _random.Next(4) == 0 ? null : Pick(MessageIds);
                            operation = $"outcome {outcome} of {messageId ?? "(no message)"} in {visitId} at {_now}";
                            expected = rules.RecordOutcome(state, visitId, messageId, outcome, _now) ? "applied" : "refused";
                            actual = await store.RecordOutcomeAsync(options.WorkspaceId, visitorId, visitId, messageId, outcome, _now, cancellationToken).ConfigureAwait(false)
                                ? "applied" : "refused";
                            break;
                        }

                    default:
                        {
                            var step = Pick(_steps);
                            _now += step;
                            history.Add($"clock +{step}");
                            continue;
                        }
                }

                history.Add($"{operation} -> {expected}");
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    return new FrequencyDisagreement(sequence, operation, expected, actual, history.ToImmutable());
                }
            }

            return null;
        }

        private static string Describe(FrequencyPolicy policy) => string.Create(
            CultureInfo.InvariantCulture,
            $"lifetime cap {policy.LifetimeCap?.ToString(CultureInfo.InvariantCulture) ?? "none"}, per visit cap {policy.PerVisitCap?.ToString(CultureInfo.InvariantCulture) ?? "none"}, "
            + $"windows [{string.Join(", ", policy.Windows.Select(w => $"{w.Count} in {w.Period}"))}], allowed while a conversation is open: {policy.AllowWhileConversationOpen}");

        private static string Describe(in ReservationRequest request)
        {
            var candidates = request.Candidates.ToArray().Select(c => $"{c.MessageId} {c.Frequency}");
            return $"{request.VisitId}/{request.PageViewId} [{string.Join(", ", candidates)}] at {request.Now}";
        }

        private ReservationRequest NextRequest(string visitorId, FrequencyPolicy policy)
        {
            var candidates = new FrequencyCandidate[_random.Next(1, 4)];
            for (var c = 0; c < candidates.Length; c++)
            {
                candidates[c] = new FrequencyCandidate(Pick(MessageIds), Pick(Frequencies));
            }

            return new ReservationRequest(options.WorkspaceId, visitorId, Pick(VisitIds), Pick(PageViewIds), _now, candidates, policy);
        }

        private FrequencyPolicy NextPolicy()
        {
            var windows = new FatigueWindow[_random.Next(5) switch { < 2 => 0, < 4 => 1, _ => 2 }];
            for (var w = 0; w < windows.Length; w++)
            {
                windows[w] = new FatigueWindow(_random.Next(1, 4), Pick(Periods));
            }

            return new FrequencyPolicy
            {
                LifetimeCap = _random.Next(3) == 0 ? _random.Next(1, 7) : null,
                PerVisitCap = _random.Next(3) == 0 ? _random.Next(1, 4) : null,
                Windows = [.. windows],
                AllowWhileConversationOpen = _random.Next(4) == 0,
            };
        }

        private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
    }
}
