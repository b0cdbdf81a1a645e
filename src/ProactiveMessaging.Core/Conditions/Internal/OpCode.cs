namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The specialised checks of the compiled form: one per field kind and operator.</summary>
internal enum OpCode : byte
{
    IsSet,
    IsNotSet,
    QueryIsSet,
    QueryIsNotSet,
    QueryText,
    TextIs,
    TextIsLiteral,
    TextStartsWithLiteral,
    TextEndsWithLiteral,
    TextIsNot,
    TextContains,
    TextDoesNotContain,
    TextStartsWith,
    TextEndsWith,
    TextWildcard,
    TextPattern,
    TextIsOneOf,
    TextContainsOneOf,
    LanguageIs,
    LanguageIsNot,
    LanguageIsOneOf,
    NumberEqualTo,
    NumberNotEqualTo,
    NumberGreaterThan,
    NumberAtLeast,
    NumberLessThan,
    NumberAtMost,
    NumberBetween,
    NumberBetweenWrapped,
    EnumIs,
    EnumIsNot,
    EnumIsOneOf,
    IsTrue,
    IsFalse,
    ListContains,
    ListDoesNotContain,
    ListContainsOneOf,

    // Versions.
    VersionEqualTo,
    VersionNotEqualTo,
    VersionGreaterThan,
    VersionAtLeast,
    VersionLessThan,
    VersionAtMost,
    VersionBetween,
    VersionIsOneOf,

    // Negation.
    TextIsNotOneOf,
    TextDoesNotStartWith,
    TextDoesNotEndWith,
    TextNotWildcard,
    TextNotPattern,
    LanguageIsNotOneOf,
    EnumIsNotOneOf,

    // Numbers in lists.
    NumberIsOneOf,
    NumberIsNotOneOf,

    // Dates.
    InstantWithinLast,
    InstantMoreThanAgo,
    DateWithinLast,
    DateMoreThanAgo,

    // IP ranges.
    IpIsInRange,
    IpIsNotInRange,
}
