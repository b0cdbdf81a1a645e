namespace ProactiveMessaging.Model;

/// <summary>The default limits of <see cref="MessageValidationOptions"/>; those of its conditions are in <see cref="Conditions.ConditionDefaults"/>.</summary>
public static class MessageValidationDefaults
{
    /// <summary>The default maximum name length: 100.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The default maximum text length: 500.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The default maximum number of language variants of one text: 50.</summary>
    public const int MaxTextVariants = 50;

    /// <summary>The default maximum number of ticket tags: 20.</summary>
    public const int MaxTags = 20;

    /// <summary>The default maximum ticket tag length: 80.</summary>
    public const int MaxTagLength = 80;
}
