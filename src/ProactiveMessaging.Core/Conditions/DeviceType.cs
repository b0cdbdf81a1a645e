namespace ProactiveMessaging.Conditions;

/// <summary>The kind of device the visitor uses, the values of the <c>device.type</c> field.</summary>
public enum DeviceType
{
    /// <summary>A desktop or laptop computer. Written <c>"desktop"</c>.</summary>
    Desktop = 0,

    /// <summary>A phone. Written <c>"mobile"</c>.</summary>
    Mobile = 1,

    /// <summary>A tablet. Written <c>"tablet"</c>.</summary>
    Tablet = 2,
}
