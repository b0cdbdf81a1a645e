using Microsoft.Extensions.Options;

namespace ProactiveMessaging.Hosting.Internal;

/// <summary>The attribute rules of <see cref="LiveSetHostingOptions"/>, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class LiveSetHostingOptionsAttributeValidator : IValidateOptions<LiveSetHostingOptions>
{
}

/// <summary>
/// Checks <see cref="LiveSetHostingOptions"/>: the attribute rules, then the time spans (in code:
/// a range attribute over <see cref="TimeSpan"/> parses its bounds by reflection, which trimming
/// does not keep), naming every failure.
/// </summary>
internal sealed class LiveSetHostingOptionsValidator : IValidateOptions<LiveSetHostingOptions>
{
    private readonly LiveSetHostingOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, LiveSetHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(_attributes.Validate(name, options));
        if (options.RefreshesPeriodically && (options.RefreshInterval < TimeSpan.FromSeconds(1) || options.RefreshInterval > TimeSpan.FromDays(1)))
        {
            builder.AddError("must be zero or infinite (no periodic refresh), or between 1 second and 1 day.", nameof(options.RefreshInterval));
        }

        if (options.RetryDelay < TimeSpan.FromMilliseconds(100) || options.RetryDelay > TimeSpan.FromHours(1))
        {
            builder.AddError("must be between 100 milliseconds and 1 hour.", nameof(options.RetryDelay));
        }

        if (options.RefreshTimeout < TimeSpan.FromSeconds(1) || options.RefreshTimeout > TimeSpan.FromMinutes(10))
        {
            builder.AddError("must be between 1 second and 10 minutes.", nameof(options.RefreshTimeout));
        }

        if (options.ChangeCheckInterval < TimeSpan.FromMilliseconds(100) || options.ChangeCheckInterval > TimeSpan.FromHours(1))
        {
            builder.AddError("must be between 100 milliseconds and 1 hour.", nameof(options.ChangeCheckInterval));
        }

        return builder.Build();
    }
}
