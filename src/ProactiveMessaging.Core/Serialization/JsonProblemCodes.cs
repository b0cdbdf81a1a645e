namespace ProactiveMessaging.Serialization;

/// <summary>The stable codes of the problems that reading the JSON format reports.</summary>
public static class JsonProblemCodes
{
    /// <summary>The payload is larger than the size cap; it was not parsed.</summary>
    public const string TooLarge = "json.tooLarge";

    /// <summary>The payload is not well-formed JSON.</summary>
    public const string Syntax = "json.syntax";

    /// <summary>
    /// A string or a property name escapes half of a UTF-16 surrogate pair (<c>"\uD800"</c> alone),
    /// so it is not Unicode text.
    /// </summary>
    public const string InvalidString = "json.invalidString";

    /// <summary>Objects and arrays are nested deeper than the cap.</summary>
    public const string TooDeep = "json.tooDeep";

    /// <summary>The same property appears twice in one object.</summary>
    public const string DuplicateProperty = "json.duplicateProperty";

    /// <summary>A property that format version 1 does not define.</summary>
    public const string UnknownProperty = "json.unknownProperty";

    /// <summary>A required property is missing.</summary>
    public const string MissingProperty = "json.missingProperty";

    /// <summary>A value has the wrong JSON type, such as a string where a number belongs.</summary>
    public const string WrongType = "json.wrongType";

    /// <summary>A string is not one of the values the property allows (an enum value, a reply type).</summary>
    public const string UnknownValue = "json.unknownValue";

    /// <summary>A value is out of its range or not in its format (a negative count, a malformed instant).</summary>
    public const string InvalidValue = "json.invalidValue";

    /// <summary>The format version is missing or is not one this library reads.</summary>
    public const string FormatVersion = "json.formatVersion";

    /// <summary>A property does not apply in its context (a bot answer on an agent reply).</summary>
    public const string NotApplicable = "json.notApplicable";

    /// <summary>Two messages of one catalog have the same id.</summary>
    public const string DuplicateId = "json.duplicateId";

    /// <summary>A message's status does not agree with its content (a Live message that is incomplete).</summary>
    public const string InconsistentState = "json.inconsistentState";

    /// <summary>A catalog holds more messages than the cap.</summary>
    public const string TooManyMessages = "json.tooManyMessages";
}
