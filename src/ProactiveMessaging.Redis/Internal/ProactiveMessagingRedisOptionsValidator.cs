using Microsoft.Extensions.Options;

namespace ProactiveMessaging.Redis.Internal;

/// <summary>Checks <see cref="ProactiveMessagingRedisOptions"/>, naming every failure.</summary>
internal sealed class ProactiveMessagingRedisOptionsValidator : IValidateOptions<ProactiveMessagingRedisOptions>
{
    public ValidateOptionsResult Validate(string? name, ProactiveMessagingRedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.Configuration is { } configuration && string.IsNullOrWhiteSpace(configuration))
        {
            builder.AddError("must name at least one server, or be null to use the host's IConnectionMultiplexer.", nameof(options.Configuration));
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix.Length > 64 || options.KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            builder.AddError("must have 1 to 64 characters and no '{' or '}'.", nameof(options.KeyPrefix));
        }

        if (options.VisitorIdleTimeout < TimeSpan.FromMinutes(1) || options.VisitorIdleTimeout > TimeSpan.FromDays(365))
        {
            builder.AddError("must be between 1 minute and 365 days.", nameof(options.VisitorIdleTimeout));
        }

        if (options.MaxAttempts is < 1 or > 1_000)
        {
            builder.AddError("must be between 1 and 1,000.", nameof(options.MaxAttempts));
        }

        if (options.LocalStateCacheSize is < 0 or > 10_000_000)
        {
            builder.AddError("must be between 0 and 10,000,000.", nameof(options.LocalStateCacheSize));
        }

        return builder.Build();
    }
}
