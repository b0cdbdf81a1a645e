using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>
/// The generators of the round-trip properties reach every part of an experiment, so that the
/// properties exercise them: a part they stopped drawing fails here, not silently.
/// </summary>
public sealed class MessageArbitrariesExperimentTests
{
    /// <summary>A fixed sample of catalogs, so the test answers the same on every run.</summary>
    private static readonly MessageExperiment[] Sample = [.. Gen.Sample(MessageArbitraries.Catalog(), 600, new Rnd(20_271_115), 10)
        .SelectMany(c => c.Messages)
        .Select(m => m.Experiment)
        .OfType<MessageExperiment>()];

    public static TheoryData<string> Parts() =>
        ["rollout", "rollout 0", "salt", "variants", "five variants", "variant follow-up", "empty variant text", "holdout", "page goal", "event goal", "window", "window with nanoseconds", "defaults only"];

    [Theory]
    [MemberData(nameof(Parts))]
    public void Generators_DrawEveryPartOfAnExperiment(string part)
    {
        Func<MessageExperiment, bool> has = part switch
        {
            "rollout" => e => e.RolloutPercent is > 0m and < 100m,
            "rollout 0" => e => e.RolloutPercent == 0m,
            "salt" => e => e.Salt.Length > 0,
            "variants" => e => e.Variants.Length == MessageExperiment.MinVariants,
            "five variants" => e => e.Variants.Length == MessageExperiment.MaxVariants,
            "variant follow-up" => e => e.Variants.Any(v => v.FollowUp is not null),
            "empty variant text" => e => e.Variants.Any(v => v.Text.Default.Length == 0),
            "holdout" => e => e.HoldoutPercent > 0m,
            "page goal" => e => e.Goal?.Page is not null,
            "event goal" => e => e.Goal?.EventName is not null,
            "window" => e => e.Goal is { } goal && goal.Window != ConversionGoal.DefaultWindow,
            "window with nanoseconds" => e => e.Goal is { } goal && goal.Window.SubsecondNanoseconds != 0,
            _ => e => e.Equals(new MessageExperiment()),
        };

        Assert.Contains(Sample, e => has(e));
    }

    [Fact]
    public void Generators_DrawOnlyExperimentsThatValidate()
    {
        var sample = Gen.Sample(MessageArbitraries.Message(), 2_000, new Rnd(20_271_116), 10).Where(m => m.Experiment is not null).ToList();

        Assert.NotEmpty(sample);
        Assert.All(sample, m => Assert.True(MessageValidator.Default.Validate(m.Definition).Succeeded, ProblemAssert.Describe(MessageValidator.Default.Validate(m.Definition).Problems)));
    }
}
