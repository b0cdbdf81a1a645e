namespace ProactiveMessaging.Conditions;

/// <summary>The stable codes of the problems that condition validation reports.</summary>
public static class ConditionProblemCodes
{
    /// <summary>A group has no items.</summary>
    public const string GroupEmpty = "conditions.group.empty";

    /// <summary>A message with two or fewer conditions nests a group.</summary>
    public const string NestingNotAllowed = "conditions.nesting.notAllowed";

    /// <summary>Groups are nested deeper than the bound.</summary>
    public const string TooDeep = "conditions.tooDeep";

    /// <summary>The message has more conditions than the bound.</summary>
    public const string TooMany = "conditions.tooMany";

    /// <summary>The field is not a built-in field nor a declared custom attribute or event; the message suggests the nearest name.</summary>
    public const string FieldUnknown = "conditions.field.unknown";

    /// <summary>The operator is not one of <see cref="ConditionOperator"/>.</summary>
    public const string OperatorUnknown = "conditions.operator.unknown";

    /// <summary>The operator does not apply to the field's type (such as <c>greaterThan</c> on a text).</summary>
    public const string OperatorNotAllowed = "conditions.operator.notAllowed";

    /// <summary>The operator needs a value and none is given.</summary>
    public const string ValueRequired = "conditions.value.required";

    /// <summary>The operator takes no value (<c>isSet</c>, <c>isTrue</c>...) and one is given.</summary>
    public const string ValueUnexpected = "conditions.value.unexpected";

    /// <summary>The value has the wrong shape or type for the field and operator (a text where a number is needed, a list where a single value is needed...).</summary>
    public const string ValueWrongType = "conditions.value.wrongType";

    /// <summary>A text value is empty where the operator needs one (<c>contains ""</c>), or a list is empty.</summary>
    public const string ValueEmpty = "conditions.value.empty";

    /// <summary>A text value is longer than the bound.</summary>
    public const string ValueTooLong = "conditions.value.tooLong";

    /// <summary>A text value (or list item, or pattern) holds an unpaired UTF-16 surrogate, which no JSON document can carry.</summary>
    public const string ValueInvalidUnicode = "conditions.value.invalidUnicode";

    /// <summary>A list value has more items than the bound.</summary>
    public const string ListTooLong = "conditions.value.listTooLong";

    /// <summary>A range has its minimum above its maximum.</summary>
    public const string RangeInverted = "conditions.value.rangeInverted";

    /// <summary>A duration is negative or not a valid duration (seconds, or ISO-8601 such as <c>PT30S</c>).</summary>
    public const string DurationInvalid = "conditions.value.durationInvalid";

    /// <summary>A time of day is not written <c>HH:mm</c> or <c>HH:mm:ss</c>.</summary>
    public const string TimeInvalid = "conditions.value.timeInvalid";

    /// <summary>A number is not finite or does not parse (invariant culture).</summary>
    public const string NumberInvalid = "conditions.value.numberInvalid";

    /// <summary>An enum value is not one of the field's allowed values (such as an unknown country code).</summary>
    public const string ValueNotAllowed = "conditions.value.notAllowed";

    /// <summary>A language value is not a BCP 47 language range such as <c>ja</c>, <c>pt-BR</c> or <c>*</c>.</summary>
    public const string LanguageInvalid = "conditions.value.languageInvalid";

    /// <summary>A pattern does not compile as a .NET regular expression.</summary>
    public const string PatternInvalid = "conditions.pattern.invalid";

    /// <summary>A pattern uses a construct that a linear-time engine cannot run (backreference, lookaround, atomic group, conditional).</summary>
    public const string PatternUnsupported = "conditions.pattern.unsupported";

    /// <summary>A pattern is longer than the bound.</summary>
    public const string PatternTooLong = "conditions.pattern.tooLong";

    /// <summary>A pattern nests quantifiers deeper than the bound (such as <c>((a+)+)+</c>).</summary>
    public const string PatternTooNested = "conditions.pattern.tooNested";

    /// <summary>A declared custom attribute or event name is not 1 to 64 ASCII letters, digits or <c>_</c> starting with a letter.</summary>
    public const string DeclarationNameInvalid = "conditions.declaration.nameInvalid";

    /// <summary>A workspace declares the same custom attribute, or the same event, twice.</summary>
    public const string DeclarationDuplicate = "conditions.declaration.duplicate";

    /// <summary>A workspace declares a custom attribute that the host's field catalogue declares differently (another type, case mode or allowed values).</summary>
    public const string DeclarationConflict = "conditions.declaration.conflict";

    /// <summary>
    /// A declared enum attribute has no allowed values or more than 256, an empty value or two equal
    /// ignoring case; or an attribute of another type has allowed values.
    /// </summary>
    public const string DeclarationAllowedValuesInvalid = "conditions.declaration.allowedValuesInvalid";

    /// <summary>A workspace declares more than 256 custom attributes, or more than 256 events.</summary>
    public const string DeclarationTooMany = "conditions.declaration.tooMany";

    // Versions.

    /// <summary>A version is not a Semantic Versioning 2.0 version (such as <c>2.1.0</c> or <c>3.0.0-beta.2</c>; <c>3.2</c> and a leading <c>v</c> are accepted).</summary>
    public const string VersionInvalid = "conditions.value.versionInvalid";

    // IP ranges.

    /// <summary>An item of <c>isInRange</c> / <c>isNotInRange</c> is not a CIDR block such as <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>.</summary>
    public const string IpRangeInvalid = "conditions.value.ipRangeInvalid";

    // Case per condition.

    /// <summary>
    /// A condition sets <see cref="Condition.IgnoreCase"/> where no text is compared: a field that is
    /// not text or list, an operator without a value, or a language range (always ignoring case).
    /// </summary>
    public const string IgnoreCaseNotAllowed = "conditions.ignoreCase.notAllowed";
}
