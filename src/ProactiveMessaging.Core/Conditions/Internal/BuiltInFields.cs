using System.Collections.Immutable;
using ProactiveMessaging.Scheduling.Internal;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The slots and definitions of the built-in fields; custom attributes and events follow them.</summary>
internal static class BuiltInFields
{
    public const int PageUrl = 0;
    public const int PagePath = 1;
    public const int PageTitle = 2;
    public const int PageReferrer = 3;
    public const int TimeOnPage = 4;
    public const int PageViews = 5;
    public const int Visits = 6;
    public const int IsReturning = 7;
    public const int IsIdentified = 8;
    public const int Language = 9;
    public const int Country = 10;
    public const int LocalTime = 11;
    public const int LocalDayOfWeek = 12;
    public const int DeviceType = 13;
    public const int OperatingSystem = 14;
    public const int Browser = 15;
    public const int ChannelKind = 16;

    // Versions.
    public const int AppVersion = 17;

    // IP ranges.
    public const int VisitorIp = 18;

    public const int Count = 19;

    public const string QueryPrefix = "page.query.";
    public const string CustomPrefix = "custom.";
    public const string EventPrefix = "event.";
    public const string OccurredSuffix = ".occurred";
    public const string CountSuffix = ".count";

    public static readonly ImmutableArray<string> DeviceTypes = ["desktop", "mobile", "tablet"];

    /// <summary>The values of <c>visitor.localDayOfWeek</c>: the schedules' day names, so the code of a day is its ISO number less one.</summary>
    public static readonly ImmutableArray<string> DaysOfWeek = DayNames.All;

    public static readonly ImmutableArray<string> ChannelKinds = ["webWidget", "mobileSdk"];

    public static ImmutableArray<FieldDefinition> Create() =>
    [
        new("page.url", FieldType.Text, PageUrl, FieldAccess.BuiltIn, ignoreCase: false, [], "The URL of the current page, normalised (lower-case scheme and host, no fragment, no trailing slash).") { Url = true },
        new("page.path", FieldType.Text, PagePath, FieldAccess.BuiltIn, ignoreCase: false, [], "The path of the current page URL, such as /products/42, without query or fragment."),
        new("page.title", FieldType.Text, PageTitle, FieldAccess.BuiltIn, ignoreCase: true, [], "The title of the current page."),
        new("page.referrer", FieldType.Text, PageReferrer, FieldAccess.BuiltIn, ignoreCase: false, [], "The URL of the page that led to the current one, normalised like page.url.") { Url = true },
        new("page.timeOnPage", FieldType.Duration, TimeOnPage, FieldAccess.BuiltIn, ignoreCase: false, [], "How long the visitor has been on the current page."),
        new("visit.pageViews", FieldType.Number, PageViews, FieldAccess.BuiltIn, ignoreCase: false, [], "The number of pages viewed in this visit, the current one included."),
        new("visitor.visits", FieldType.Number, Visits, FieldAccess.BuiltIn, ignoreCase: false, [], "The number of visits of this visitor, this one included."),
        new("visitor.isReturning", FieldType.Boolean, IsReturning, FieldAccess.BuiltIn, ignoreCase: false, [], "Whether the visitor has visited before (false for a new visitor)."),
        new("visitor.isIdentified", FieldType.Boolean, IsIdentified, FieldAccess.BuiltIn, ignoreCase: false, [], "Whether the host has identified the visitor (signed in)."),
        new("visitor.language", FieldType.Text, Language, FieldAccess.BuiltIn, ignoreCase: true, [], "The visitor's language as a BCP 47 tag; is, is not and is one of match language ranges (ja matches ja-JP).") { LanguageRange = true },
        new("visitor.country", FieldType.Enum, Country, FieldAccess.BuiltIn, ignoreCase: true, CountryCodes.All, "The visitor's country, an ISO 3166-1 alpha-2 code such as JP."),
        new("visitor.localTime", FieldType.TimeOfDay, LocalTime, FieldAccess.BuiltIn, ignoreCase: false, [], "The time of day in the visitor's time zone (or the fallback zone)."),
        new("visitor.localDayOfWeek", FieldType.Enum, LocalDayOfWeek, FieldAccess.BuiltIn, ignoreCase: true, DaysOfWeek, "The day of the week in the visitor's time zone (or the fallback zone)."),
        new("device.type", FieldType.Enum, DeviceType, FieldAccess.BuiltIn, ignoreCase: true, DeviceTypes, "The kind of device: desktop, mobile or tablet."),
        new("device.os", FieldType.Text, OperatingSystem, FieldAccess.BuiltIn, ignoreCase: true, [], "The operating system, such as Windows, macOS, iOS or Android."),
        new("device.browser", FieldType.Text, Browser, FieldAccess.BuiltIn, ignoreCase: true, [], "The browser, such as Chrome, Safari, Firefox or Edge."),
        new("channel.kind", FieldType.Enum, ChannelKind, FieldAccess.BuiltIn, ignoreCase: true, ChannelKinds, "The kind of channel the visitor uses: webWidget or mobileSdk."),
        new("app.version", FieldType.Version, AppVersion, FieldAccess.BuiltIn, ignoreCase: false, [], "The version of the visitor's app (Semantic Versioning 2.0), as the mobile SDK or the host reports it."),
        new("visitor.ip", FieldType.IpAddress, VisitorIp, FieldAccess.BuiltIn, ignoreCase: false, [], "The visitor's IP address (IPv4 or IPv6), as the host reports it."),
    ];
}
