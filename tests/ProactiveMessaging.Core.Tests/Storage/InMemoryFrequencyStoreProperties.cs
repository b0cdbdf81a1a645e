using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Frequency;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// <see cref="InMemoryFrequencyStore"/>, which keeps each visitor in a compact form and loads it
/// into the rules' state for each call, against <see cref="ReferenceFrequencyModel"/>: random
/// histories, every answer compared, with other visitors arriving in between so that the store's
/// sweeps expire the idle visitor.
/// </summary>
public sealed class InMemoryFrequencyStoreProperties
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 28, 22, 30);
    private static readonly FrequencyCandidate[] Welcome = [new("welcome", MessageFrequency.EveryTime)];

    [Property(Arbitrary = [typeof(FrequencyArbitraries)], MaxTest = 3000)]
    public Property Store_AgreesWithTheReferenceModel_StepByStep(FrequencyCase @case)
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = @case.IdleTimeout.ToTimeSpan() });
        var model = new ReferenceFrequencyModel(@case.IdleTimeout);
        var now = Start;
        var others = 0;
        for (var i = 0; i < @case.Steps.Length; i++)
        {
            string? disagreement = null;
            switch (@case.Steps[i])
            {
                case ReserveStep { PreviewOnly: false } reserve:
                    {
                        var expected = model.Reserve(reserve.VisitId, reserve.PageViewId, now, reserve.Candidates, @case.Policy);
                        var actual = Completed(store.TryReserveAsync(Request("visitor", reserve, now, @case.Policy), CancellationToken.None));
                        disagreement = actual == expected ? null : $"reserved {actual}, the model {expected}";
                        break;
                    }

                case ReserveStep preview:
                    {
                        var expected = model.Preview(preview.VisitId, preview.PageViewId, now, preview.Candidates, @case.Policy);
                        var actual = Completed(store.PreviewAsync(Request("visitor", preview, now, @case.Policy), CancellationToken.None));
                        disagreement = actual.SequenceEqual(expected) ? null : $"previewed [{string.Join(", ", actual)}], the model [{string.Join(", ", expected)}]";
                        break;
                    }

                case OutcomeStep outcome:
                    {
                        var expected = model.RecordOutcome(outcome.VisitId, outcome.MessageId, outcome.Outcome, now);
                        var actual = Completed(store.RecordOutcomeAsync("ws", "visitor", outcome.VisitId, outcome.MessageId, outcome.Outcome, now, CancellationToken.None));
                        disagreement = actual == expected ? null : $"outcome applied {actual}, the model {expected}";
                        break;
                    }

                case AdvanceStep advance:
                    now += advance.By;
                    break;

                case PersistStep:
                    {
                        // Another visitor arrives: a new entry, which sweeps the idle ones when expiry is due.
                        var other = "other-" + (others++).ToString(CultureInfo.InvariantCulture);
                        _ = Completed(store.TryReserveAsync(new ReservationRequest("ws", other, "v", "p", now, Welcome, @case.Policy), CancellationToken.None));
                        break;
                    }
            }

            if (disagreement is not null)
            {
                return false.Label($"step {i} ({@case.Steps[i]}) at {now}: {disagreement}");
            }
        }

        return true.ToProperty();
    }

    /// <summary>The in-memory store completes every call synchronously.</summary>
    private static T Completed<T>(ValueTask<T> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }

    private static ReservationRequest Request(string visitorId, ReserveStep step, Instant now, FrequencyPolicy policy) =>
        new("ws", visitorId, step.VisitId, step.PageViewId, now, step.Candidates, policy);
}
