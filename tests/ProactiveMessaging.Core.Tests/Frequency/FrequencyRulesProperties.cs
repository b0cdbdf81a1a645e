using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using ProactiveMessaging.Frequency;

namespace ProactiveMessaging.Tests.Frequency;

/// <summary>
/// <see cref="FrequencyRules"/> against <see cref="ReferenceFrequencyModel"/>: random histories of
/// reservations, previews, outcomes, visit and page changes, clock steps and round trips through
/// the binary form, every answer compared.
/// </summary>
public sealed class FrequencyRulesProperties
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 28, 22, 30);

    [Property(Arbitrary = [typeof(FrequencyArbitraries)], MaxTest = 5000)]
    public Property Rules_AgreeWithTheReferenceModel_StepByStep(FrequencyCase @case)
    {
        var rules = new FrequencyRules(@case.IdleTimeout);
        var model = new ReferenceFrequencyModel(@case.IdleTimeout);
        var state = new VisitorFrequencyState();
        var now = Start;
        for (var i = 0; i < @case.Steps.Length; i++)
        {
            string? disagreement = null;
            switch (@case.Steps[i])
            {
                case ReserveStep { PreviewOnly: false } reserve:
                    {
                        var request = Request(reserve, now, @case.Policy);
                        var expected = model.Reserve(reserve.VisitId, reserve.PageViewId, now, reserve.Candidates, @case.Policy);
                        var actual = rules.Reserve(state, request);
                        disagreement = actual == expected ? null : $"reserved {actual}, the model {expected}";
                        break;
                    }

                case ReserveStep preview:
                    {
                        var before = state.ToBytes();
                        var statuses = new ReservationStatus[preview.Candidates.Length];
                        rules.Preview(state, Request(preview, now, @case.Policy), statuses);
                        var expected = model.Preview(preview.VisitId, preview.PageViewId, now, preview.Candidates, @case.Policy);
                        disagreement = !statuses.SequenceEqual(expected) ? $"previewed [{string.Join(", ", statuses)}], the model [{string.Join(", ", expected)}]"
                            : !state.ToBytes().SequenceEqual(before) ? "the preview changed the state"
                            : null;
                        break;
                    }

                case OutcomeStep outcome:
                    {
                        var expected = model.RecordOutcome(outcome.VisitId, outcome.MessageId, outcome.Outcome, now);
                        var actual = rules.RecordOutcome(state, outcome.VisitId, outcome.MessageId, outcome.Outcome, now);
                        disagreement = actual == expected ? null : $"outcome applied {actual}, the model {expected}";
                        break;
                    }

                case AdvanceStep advance:
                    now += advance.By;
                    break;

                case PersistStep:
                    {
                        var bytes = state.ToBytes();
                        state = VisitorFrequencyState.FromBytes(bytes);
                        disagreement = state.ToBytes().SequenceEqual(bytes) ? null : "the state read back writes other bytes";
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

    private static ReservationRequest Request(ReserveStep step, Instant now, FrequencyPolicy policy) =>
        new("ws", "visitor", step.VisitId, step.PageViewId, now, step.Candidates, policy);
}
