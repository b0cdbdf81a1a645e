using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Frequency;

/// <summary>One step of a visitor's history, as the frequency rules see it.</summary>
public abstract record FrequencyStep;

/// <summary>A reservation (or, with <see cref="PreviewOnly"/>, its preview) in a visit and page view.</summary>
public sealed record ReserveStep(string VisitId, string PageViewId, FrequencyCandidate[] Candidates, bool PreviewOnly) : FrequencyStep
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{(PreviewOnly ? "Preview" : "Reserve")}({VisitId}/{PageViewId}: {string.Join(", ", Candidates.Select(c => $"{c.MessageId} {c.Frequency}"))})";
}

/// <summary>An outcome reported by the host.</summary>
public sealed record OutcomeStep(string VisitId, string? MessageId, VisitorOutcome Outcome) : FrequencyStep;

/// <summary>The clock moves on.</summary>
public sealed record AdvanceStep(Duration By) : FrequencyStep;

/// <summary>The store writes the state to its binary form and reads it back.</summary>
public sealed record PersistStep : FrequencyStep;

/// <summary>A workspace policy, an idle timeout and a history to replay.</summary>
public sealed record FrequencyCase(FrequencyPolicy Policy, Duration IdleTimeout, FrequencyStep[] Steps)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"policy lifetime {Policy.LifetimeCap}, per visit {Policy.PerVisitCap}, windows [{string.Join(", ", Policy.Windows.Select(w => $"{w.Count} in {w.Period}"))}], "
        + $"allow while open {Policy.AllowWhileConversationOpen}, idle {IdleTimeout}; steps: {string.Join("; ", Steps.Select(s => s.ToString()))}";
}

/// <summary>Histories that reach every rule: few ids so that visits, page views and messages repeat, and clock steps on both sides of every window and of the idle timeout.</summary>
public static class FrequencyArbitraries
{
    private static readonly string[] VisitIds = ["v1", "v2", "v3"];
    private static readonly string[] PageViewIds = ["p1", "p2", "p3"];
    private static readonly string[] MessageIds = ["a", "b", "c", "d"];
    private static readonly Duration[] Periods = [Duration.FromMinutes(1), Duration.FromHours(1), Duration.FromDays(1)];

    /// <summary>Gets the cases.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<FrequencyCase> Cases() => CaseGen.ToArbitrary();

    private static Gen<FrequencyCase> CaseGen =>
        from policy in PolicyGen
        from idle in Gen.Elements(Duration.FromHours(1), Duration.FromDays(1))
        from steps in StepGen.ListOf()
        select new FrequencyCase(policy, idle, [.. steps]);

    private static Gen<FrequencyPolicy> PolicyGen =>
        from lifetime in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 6).Select(n => (int?)n)))
        from perVisit in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 3).Select(n => (int?)n)))
        from windowCount in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from windows in WindowGen.ArrayOf(windowCount)
        from allowWhileOpen in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new FrequencyPolicy { LifetimeCap = lifetime, PerVisitCap = perVisit, Windows = [.. windows], AllowWhileConversationOpen = allowWhileOpen };

    private static Gen<FatigueWindow> WindowGen =>
        from count in Gen.Choose(1, 3)
        from period in Gen.Elements(Periods)
        select new FatigueWindow(count, period);

    private static Gen<FrequencyStep> StepGen => Gen.Frequency(
        (6, ReserveGen(previewOnly: false)),
        (2, ReserveGen(previewOnly: true)),
        (5, OutcomeGen),
        (3, AdvanceGen),
        (1, Gen.Constant<FrequencyStep>(new PersistStep())));

    private static Gen<FrequencyStep> ReserveGen(bool previewOnly) =>
        from visit in Gen.Elements(VisitIds)
        from page in Gen.Elements(PageViewIds)
        from count in Gen.Choose(1, 3)
        from candidates in CandidateGen.ArrayOf(count)
        select (FrequencyStep)new ReserveStep(visit, page, candidates, previewOnly);

    private static Gen<FrequencyCandidate> CandidateGen =>
        from id in Gen.Elements(MessageIds)
        from frequency in Gen.Elements(MessageFrequency.Once, MessageFrequency.OncePerVisit, MessageFrequency.EveryTime)
        select new FrequencyCandidate(id, frequency);

    private static Gen<FrequencyStep> OutcomeGen =>
        from visit in Gen.Elements(VisitIds)
        from outcome in Gen.Elements(Enum.GetValues<VisitorOutcome>())
        from message in Gen.Frequency((3, Gen.Elements(MessageIds).Select(id => (string?)id)), (1, Gen.Constant<string?>(null)))
        select (FrequencyStep)new OutcomeStep(visit, message, outcome);

    private static Gen<FrequencyStep> AdvanceGen =>
        from step in Gen.Elements(
            Duration.Zero,
            Duration.FromSeconds(1),
            Duration.FromMinutes(1),
            Duration.FromMinutes(1) + Duration.FromTicks(1),
            Duration.FromMinutes(59),
            Duration.FromHours(1),
            Duration.FromHours(1) + Duration.FromTicks(1),
            Duration.FromDays(1),
            Duration.FromDays(1) + Duration.FromTicks(1),
            Duration.FromDays(3))
        select (FrequencyStep)new AdvanceStep(step);
}
