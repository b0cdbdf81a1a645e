using Microsoft.Extensions.Options;

namespace ProactiveMessaging.DependencyInjection.Internal;

/// <summary>Checks <see cref="ProactiveMessagingOptions"/> at the host's start with the rules the engine's constructor applies too (<see cref="ProactiveMessagingOptionsRules"/>).</summary>
internal sealed class ProactiveMessagingOptionsValidator : IValidateOptions<ProactiveMessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, ProactiveMessagingOptions options) => ProactiveMessagingOptionsRules.Validate(name, options);
}
