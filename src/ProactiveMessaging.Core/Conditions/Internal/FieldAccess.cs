namespace ProactiveMessaging.Conditions.Internal;

/// <summary>How a field's value is read from a <see cref="VisitorContext"/>.</summary>
internal enum FieldAccess
{
    /// <summary>A built-in slot.</summary>
    BuiltIn = 0,

    /// <summary>A host-declared custom attribute slot.</summary>
    Custom,

    /// <summary>Whether an event occurred: its count slot is above zero.</summary>
    EventOccurred,

    /// <summary>How many times an event occurred: its count slot.</summary>
    EventCount,

    /// <summary>A parameter of the query of the current page URL.</summary>
    QueryParameter,
}
