using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Model.Internal;

/// <summary>
/// The checks of a <see cref="MessageExperiment"/> that do not depend on the reply: percentages,
/// the salt, the variants' ids and weights, and the goal. The variants' texts are checked by
/// <see cref="MessageValidator"/> with the reply's own text rules.
/// </summary>
/// <remarks>
/// Every problem is malformed: an experiment is saved whole or not at all, as a campaign window is.
/// Only an empty variant text is incomplete, as the reply's own text is.
/// </remarks>
internal static class ExperimentRules
{
    public const string Path = "$.experiment";

    /// <summary>The longest salt, in characters.</summary>
    public const int MaxSaltLength = 64;

    /// <summary>The fields a page goal may test: the pages themselves, not what is on them.</summary>
    private static readonly string[] PageFields = ["page.path", "page.url"];

    /// <summary>
    /// The names of the arms that are not variants; they equal <c>Experiments.ExperimentArms</c>'s
    /// constants (a test holds them equal), repeated here because the model does not depend on the
    /// folder that counts arms.
    /// </summary>
    private static readonly string[] ReservedArmNames = ["control", "treatment"];

    public static void Validate(MessageExperiment? experiment, FieldCatalog fields, ConditionBinder? binder, ImmutableArray<Problem>.Builder problems)
    {
        if (experiment is null)
        {
            return;
        }

        if (experiment.RolloutPercent is < 0m or > 100m)
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentRolloutOutOfRange, $"The rollout is {Format(experiment.RolloutPercent)} %; it is 0 to 100.", Path + ".rolloutPercent"));
        }
        else
        {
            CheckPrecision(experiment.RolloutPercent, Path + ".rolloutPercent", problems);
        }

        if (experiment.HoldoutPercent is < 0m or >= 100m)
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentHoldoutOutOfRange, $"The holdout is {Format(experiment.HoldoutPercent)} %; it is 0 to less than 100 (a control group of everyone leaves nothing to compare).", Path + ".holdoutPercent"));
        }
        else
        {
            CheckPrecision(experiment.HoldoutPercent, Path + ".holdoutPercent", problems);
        }

        CheckSalt(experiment.Salt, problems);
        CheckVariants(experiment.Variants, problems);
        CheckGoal(experiment.Goal, fields, binder, problems);
    }

    /// <summary>The path of a variant, such as <c>$.experiment.variants[1]</c>.</summary>
    public static string VariantPath(int index) => string.Create(CultureInfo.InvariantCulture, $"{Path}.variants[{index}]");

    private static void CheckSalt(string salt, ImmutableArray<Problem>.Builder problems)
    {
        if (salt.Length > MaxSaltLength)
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentSaltInvalid, string.Create(CultureInfo.InvariantCulture, $"The salt has {salt.Length} characters; at most {MaxSaltLength} are allowed."), Path + ".salt"));
        }
        else if (salt.AsSpan().IndexOfAnyExceptInRange(' ', '~') >= 0)
        {
            // Printable ASCII keeps the hash input the same bytes in every encoding a host might use.
            problems.Add(new Problem(ModelProblemCodes.ExperimentSaltInvalid, "The salt is printable ASCII: letters, digits, spaces and punctuation.", Path + ".salt"));
        }
    }

    private static void CheckVariants(ImmutableArray<MessageVariant> variants, ImmutableArray<Problem>.Builder problems)
    {
        if (variants.IsEmpty)
        {
            return;
        }

        var countOk = variants.Length is >= MessageExperiment.MinVariants and <= MessageExperiment.MaxVariants;
        if (!countOk)
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentVariantCount, string.Create(CultureInfo.InvariantCulture, $"The message has {variants.Length} variant(s); an experiment has none, or {MessageExperiment.MinVariants} to {MessageExperiment.MaxVariants}."), Path + ".variants"));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var sum = 0m;
        for (var i = 0; i < variants.Length; i++)
        {
            var variant = variants[i];
            var path = VariantPath(i);
            if (!IdRule.IsValid(variant.Id))
            {
                problems.Add(new Problem(ModelProblemCodes.ExperimentVariantIdInvalid, $"The variant id must be {IdRule.Description}.", path + ".id"));
            }
            else if (Array.IndexOf(ReservedArmNames, variant.Id) >= 0)
            {
                problems.Add(new Problem(ModelProblemCodes.ExperimentVariantIdReserved, $"'{variant.Id}' names another arm of the experiment; choose another variant id.", path + ".id"));
            }
            else if (!seen.TryAdd(variant.Id, i))
            {
                problems.Add(new Problem(ModelProblemCodes.ExperimentVariantIdDuplicate, $"The variant id '{variant.Id}' is already used by {VariantPath(seen[variant.Id])}.", path + ".id"));
            }

            if (variant.Weight is <= 0m or > 100m)
            {
                problems.Add(new Problem(ModelProblemCodes.ExperimentVariantWeightOutOfRange, $"The weight is {Format(variant.Weight)} %; it is more than 0 and at most 100.", path + ".weight"));
            }
            else
            {
                CheckPrecision(variant.Weight, path + ".weight", problems);
            }

            // Weights are at most 100 each or reported above; clamping keeps five extreme ones from overflowing the sum.
            sum += Math.Clamp(variant.Weight, -1000m, 1000m);
        }

        if (countOk && sum != 100m)
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentVariantWeightSum, $"The variants' weights sum to {Format(sum)} %; they sum to 100.", Path + ".variants"));
        }
    }

    private static void CheckGoal(ConversionGoal? goal, FieldCatalog fields, ConditionBinder? binder, ImmutableArray<Problem>.Builder problems)
    {
        if (goal is null)
        {
            return;
        }

        const string GoalPath = Path + ".goal";
        if ((goal.EventName is null) == (goal.Page is null))
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentGoalKind, "A goal is an event (\"event\") or a page (\"page\"): exactly one of the two.", GoalPath));
        }
        else if (goal.EventName is { } name)
        {
            // A declared event gives the fields event.<name>.occurred and event.<name>.count; the catalog lists no event by itself.
            if (!fields.TryGetField("event." + name + ".count", out _))
            {
                problems.Add(new Problem(ModelProblemCodes.ExperimentGoalEventUnknown, $"The event '{ConditionBinder.Shorten(name)}' is not declared: declare it in the workspace's events (or with FieldCatalog.WithEvent).", GoalPath + ".event"));
            }
        }
        else
        {
            var page = goal.Page!;
            if (Array.IndexOf(PageFields, page.Field) < 0)
            {
                problems.Add(new Problem(ModelProblemCodes.ExperimentGoalPageField, $"A page goal tests page.path or page.url, not '{ConditionBinder.Shorten(page.Field)}'.", GoalPath + ".page.field"));
            }
            else
            {
                binder?.Bind(page, GoalPath + ".page", problems);
            }
        }

        if (goal.Window <= Duration.Zero || goal.Window > ConversionGoal.MaxWindow)
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentGoalWindowOutOfRange, $"The goal's window is {goal.Window.ToString("-D:hh:mm:ss.FFFFFFFFF", CultureInfo.InvariantCulture)}; it is positive and at most {ConversionGoal.MaxWindow.Days} days.", GoalPath + ".window"));
        }
    }

    private static void CheckPrecision(decimal percent, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (decimal.Round(percent, 2) != percent)
        {
            problems.Add(new Problem(ModelProblemCodes.ExperimentPercentPrecision, $"{Format(percent)} has more than two decimals; percentages go in steps of 0.01.", path));
        }
    }

    /// <summary>A percentage as written in JSON: no trailing zeros, no exponent, the invariant culture.</summary>
    internal static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
