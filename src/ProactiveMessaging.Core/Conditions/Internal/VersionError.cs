namespace ProactiveMessaging.Conditions.Internal;

/// <summary>Why a text is not a <see cref="SemanticVersion"/>, for the problem that names it.</summary>
internal enum VersionError
{
    None = 0,
    Empty,
    NumberExpected,
    NumberTooLarge,
    LeadingZero,
    EmptyIdentifier,
    UnexpectedCharacter,
}
