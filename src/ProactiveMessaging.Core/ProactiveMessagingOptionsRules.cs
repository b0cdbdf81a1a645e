using Microsoft.Extensions.Options;

namespace ProactiveMessaging;

/// <summary>
/// The rules of <see cref="ProactiveMessagingOptions"/>: the attribute rules, then the rules across
/// fields, naming every failure. One set of rules for every path that takes options: the host's
/// start-up validation registered by <c>AddProactiveMessaging</c> and the engine's constructor.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class ProactiveMessagingOptionsRules
{
    private static readonly ProactiveMessagingOptionsAttributeValidator Attributes = new();

    /// <summary>Throws when the options break a rule, as the host's start-up validation would.</summary>
    /// <exception cref="OptionsValidationException">The options break at least one rule; the failures name each option.</exception>
    public static void ThrowIfInvalid(ProactiveMessagingOptions options)
    {
        var result = Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ProactiveMessagingOptions), result.Failures);
        }
    }

    public static ValidateOptionsResult Validate(string? name, ProactiveMessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(Attributes.Validate(name, options));
        if (options.VisitInactivityGap < TimeSpan.FromSeconds(1) || options.VisitInactivityGap > TimeSpan.FromDays(7))
        {
            builder.AddError("must be between 1 second and 7 days.", nameof(options.VisitInactivityGap));
        }

        if (options.StoreTimeout <= TimeSpan.Zero || options.StoreTimeout > TimeSpan.FromMinutes(1))
        {
            builder.AddError("must be positive and at most 1 minute.", nameof(options.StoreTimeout));
        }

        for (var i = 0; i < options.FatigueWindows.Count; i++)
        {
            var window = options.FatigueWindows[i];
            if (window.Count < 1)
            {
                builder.AddError($"window {i} must allow at least 1 message (Count = {window.Count}).", nameof(options.FatigueWindows));
            }

            if (window.Period <= NodaTime.Duration.Zero)
            {
                builder.AddError($"window {i} must have a positive period.", nameof(options.FatigueWindows));
            }
        }

        if (options.PerVisitCap is { } perVisit && options.LifetimeCap is { } lifetime && perVisit > lifetime)
        {
            builder.AddError($"the per-visit cap ({perVisit}) cannot exceed the lifetime cap ({lifetime}).", nameof(options.PerVisitCap));
        }

        var validation = options.Validation;
        if (validation.MaxConditionDepth < 1 || validation.MaxConditions < 1 || validation.MaxNameLength < 1 || validation.MaxTextLength < 1)
        {
            builder.AddError("validation limits must be positive.", nameof(options.Validation));
        }

        if (validation.PatternMatchTimeout <= TimeSpan.Zero)
        {
            builder.AddError("the pattern match time-out must be positive.", nameof(options.Validation));
        }

        return builder.Build();
    }
}

/// <summary>The attribute rules of <see cref="ProactiveMessagingOptions"/>, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class ProactiveMessagingOptionsAttributeValidator : IValidateOptions<ProactiveMessagingOptions>
{
}
