using NodaTime;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>
/// What is known about one visitor at one event, as the input of <see cref="CompiledConditions.Evaluate"/>:
/// a reusable, resettable holder of one value slot per field of a <see cref="FieldCatalog"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Not thread-safe.</b> A context is mutable and owned by one thread at a time: a host keeps
/// one per worker (or rents one from a pool), calls <see cref="Reset"/>, sets what the event
/// reports, evaluates every candidate message, and then reuses it for the next event. Reusing it
/// is what keeps the hot path free of allocations: setters copy into buffers that only grow.
/// </para>
/// <para>
/// Built-in fields have typed setters. Custom attributes and events are set through a
/// <see cref="FieldSlot"/> resolved once with <see cref="FieldCatalog.GetSlot"/>: a slot is an
/// index, so no setter and no evaluation looks a name up in a dictionary.
/// </para>
/// <para>
/// A field without a value makes every operator false except <see cref="ConditionOperator.IsNotSet"/>.
/// A <see langword="null"/> argument or a NaN number clears the field. Event counts start at 0 and are always set.
/// </para>
/// </remarks>
public sealed partial class VisitorContext
{
    /// <summary>The enum code of a field without a value; -1 is a value that is not an allowed one.</summary>
    internal const int UnsetCode = -2;

    private static readonly DateTimeZone Utc = DateTimeZone.Utc;

    private char[] _url = new char[256];
    private char[] _referrer = new char[256];
    private char[] _language = new char[16];
    private Range _query;

    // The pair signature of each text slot, computed at its first substring check; 0 until then.
    private readonly ulong[] _pairSignatures;

    /// <summary>Creates a context for the fields of <paramref name="catalog"/>.</summary>
    /// <param name="catalog">The catalog; <see langword="null"/> for <see cref="FieldCatalog.Default"/>.</param>
    public VisitorContext(FieldCatalog? catalog = null)
    {
        Catalog = catalog ?? FieldCatalog.Default;
        var count = Catalog.SlotCount;
        Present = new bool[count];
        Texts = new ReadOnlyMemory<char>[count];
        Numbers = new double[count];
        Codes = new int[count];
        _pairSignatures = new ulong[count];
        Lists = new IReadOnlyList<string>?[count];
        Versions = new SemanticVersion[count];
        IpAddresses = new UInt128[count];
        Scratch = new char[512];
        Reset();
    }

    /// <summary>Gets the catalog whose fields this context holds.</summary>
    public FieldCatalog Catalog { get; }

    // The slots, read directly by the evaluators (one array read per condition, no look-up).
    // Besides Present, a number without a value is NaN and an enum without a value is UnsetCode,
    // so that a comparison is false for a missing value without reading Present.
    internal bool[] Present { get; }

    internal ReadOnlyMemory<char>[] Texts { get; }

    internal double[] Numbers { get; }

    internal int[] Codes { get; }

    internal IReadOnlyList<string>?[] Lists { get; }

    /// <summary>The query of the normalised page URL, without <c>?</c>; empty when there is none.</summary>
    internal ReadOnlySpan<char> Query => Present[BuiltInFields.PageUrl] ? _url.AsSpan(_query) : [];

    /// <summary>A buffer for decoding query parameter values, at least twice the URL length.</summary>
    internal char[] Scratch { get; private set; }

    /// <summary>Clears every field; event counts become 0.</summary>
    public void Reset()
    {
        Array.Clear(Present);
        Array.Clear(Texts);
        Array.Clear(_pairSignatures);
        Array.Fill(Numbers, double.NaN);
        Array.Clear(Lists);
        Array.Fill(Codes, UnsetCode);
        foreach (var field in Catalog.Fields)
        {
            if (field.Access == FieldAccess.EventCount)
            {
                Present[field.Slot] = true;
                Numbers[field.Slot] = 0;
            }
        }

        _query = default;
        NowMilliseconds = double.NaN;
    }

    /// <summary>Sets <c>page.url</c> and <c>page.path</c> from the URL of the current page, normalised as <c>docs/conditions.md</c> describes.</summary>
    /// <param name="url">An absolute URL (<c>https://example.com/a?b=c</c>) or a path (<c>/a?b=c</c>); <see langword="null"/> clears both.</param>
    public void SetPageUrl(string? url)
    {
        if (url is null)
        {
            Clear(BuiltInFields.PageUrl);
            Clear(BuiltInFields.PagePath);
            _query = default;
            return;
        }

        Grow(ref _url, UrlNormalizer.MaxLength(url.Length));
        if (Scratch.Length < 2 * url.Length)
        {
            Scratch = new char[2 * url.Length];
        }

        var length = UrlNormalizer.Normalize(url, _url, out var path, out _query);
        SetText(BuiltInFields.PageUrl, new ReadOnlyMemory<char>(_url, 0, length));
        SetText(BuiltInFields.PagePath, _url.AsMemory(path));
    }

    /// <summary>Sets <c>page.title</c>.</summary>
    /// <param name="title">The title; <see langword="null"/> clears it.</param>
    public void SetPageTitle(string? title) => SetText(BuiltInFields.PageTitle, title);

    /// <summary>Sets <c>page.referrer</c>, normalised like the page URL.</summary>
    /// <param name="referrer">The referrer URL; <see langword="null"/> clears it.</param>
    public void SetReferrer(string? referrer)
    {
        if (referrer is null)
        {
            Clear(BuiltInFields.PageReferrer);
            return;
        }

        Grow(ref _referrer, UrlNormalizer.MaxLength(referrer.Length));
        var length = UrlNormalizer.Normalize(referrer, _referrer, out _, out _);
        SetText(BuiltInFields.PageReferrer, new ReadOnlyMemory<char>(_referrer, 0, length));
    }

    /// <summary>Sets <c>page.timeOnPage</c>.</summary>
    /// <param name="timeOnPage">How long the visitor has been on the page; <see langword="null"/> clears it.</param>
    public void SetTimeOnPage(Duration? timeOnPage) => SetNumber(BuiltInFields.TimeOnPage, timeOnPage?.TotalSeconds);

    /// <summary>Sets <c>visit.pageViews</c>.</summary>
    /// <param name="pageViews">The pages viewed in this visit; <see langword="null"/> clears it.</param>
    public void SetPageViews(int? pageViews) => SetNumber(BuiltInFields.PageViews, pageViews);

    /// <summary>Sets <c>visitor.visits</c>.</summary>
    /// <param name="visits">The number of visits, this one included; <see langword="null"/> clears it.</param>
    public void SetVisits(int? visits) => SetNumber(BuiltInFields.Visits, visits);

    /// <summary>Sets <c>visitor.isReturning</c>.</summary>
    /// <param name="isReturning">Whether the visitor visited before; <see langword="null"/> clears it.</param>
    public void SetReturning(bool? isReturning) => SetBoolean(BuiltInFields.IsReturning, isReturning);

    /// <summary>Sets <c>visitor.isIdentified</c>.</summary>
    /// <param name="isIdentified">Whether the visitor is identified; <see langword="null"/> clears it.</param>
    public void SetIdentified(bool? isIdentified) => SetBoolean(BuiltInFields.IsIdentified, isIdentified);

    /// <summary>Sets <c>visitor.language</c>; an <c>_</c> (as in <c>pt_BR</c>) is read as <c>-</c>.</summary>
    /// <param name="language">A BCP 47 tag such as <c>ja-JP</c>; <see langword="null"/> clears it.</param>
    public void SetLanguage(string? language)
    {
        if (language is null)
        {
            Clear(BuiltInFields.Language);
            return;
        }

        var trimmed = language.AsSpan().Trim();
        Grow(ref _language, trimmed.Length);
        trimmed.CopyTo(_language);
        _language.AsSpan(0, trimmed.Length).Replace('_', '-');
        SetText(BuiltInFields.Language, new ReadOnlyMemory<char>(_language, 0, trimmed.Length));
    }

    /// <summary>Sets <c>visitor.country</c>.</summary>
    /// <param name="country">An ISO 3166-1 alpha-2 code, any case; an unknown code is set but matches no value. <see langword="null"/> clears it.</param>
    public void SetCountry(string? country) => SetEnum(BuiltInFields.Country, country);

    /// <summary>Sets <c>device.type</c>.</summary>
    /// <param name="deviceType">The device type; <see langword="null"/> clears it.</param>
    public void SetDeviceType(DeviceType? deviceType)
    {
        if (deviceType is { } value && (uint)value <= (uint)DeviceType.Tablet)
        {
            Present[BuiltInFields.DeviceType] = true;
            Codes[BuiltInFields.DeviceType] = (int)value;
        }
        else
        {
            Clear(BuiltInFields.DeviceType);
        }
    }

    /// <summary>Sets <c>device.os</c>.</summary>
    /// <param name="operatingSystem">The operating system, such as <c>iOS</c>; <see langword="null"/> clears it.</param>
    public void SetOperatingSystem(string? operatingSystem) => SetText(BuiltInFields.OperatingSystem, operatingSystem);

    /// <summary>Sets <c>device.browser</c>.</summary>
    /// <param name="browser">The browser, such as <c>Firefox</c>; <see langword="null"/> clears it.</param>
    public void SetBrowser(string? browser) => SetText(BuiltInFields.Browser, browser);

    /// <summary>Sets <c>channel.kind</c>.</summary>
    /// <param name="channelKind"><c>webWidget</c> or <c>mobileSdk</c> (any case); <see langword="null"/> clears it.</param>
    public void SetChannelKind(string? channelKind) => SetEnum(BuiltInFields.ChannelKind, channelKind);

    /// <summary>
    /// Sets <c>visitor.localTime</c> and <c>visitor.localDayOfWeek</c> from the instant of the event,
    /// in the visitor's time zone when the widget or SDK reports one, else in <paramref name="fallbackZone"/>
    /// (the channel's or workspace's zone), else in UTC. The instant is also the one the relative date
    /// conditions (<c>withinLast</c>, <c>moreThanAgo</c>) are measured from; the engine replaces it with its clock reading.
    /// </summary>
    /// <param name="instant">The instant of the event, from the host's clock.</param>
    /// <param name="visitorZone">The visitor's time zone, or <see langword="null"/> when unknown.</param>
    /// <param name="fallbackZone">The zone to use when the visitor's is unknown; <see langword="null"/> for UTC.</param>
    public void SetLocalTime(Instant instant, DateTimeZone? visitorZone, DateTimeZone? fallbackZone = null)
    {
        var local = instant.InZone(visitorZone ?? fallbackZone ?? Utc).LocalDateTime;
        SetNow(instant);
        Present[BuiltInFields.LocalTime] = true;
        Numbers[BuiltInFields.LocalTime] = local.TimeOfDay.TickOfDay / NodaConstants.TicksPerSecond;
        Present[BuiltInFields.LocalDayOfWeek] = true;
        Codes[BuiltInFields.LocalDayOfWeek] = (int)local.DayOfWeek - 1;
    }

    /// <summary>Clears <c>visitor.localTime</c> and <c>visitor.localDayOfWeek</c>.</summary>
    public void ClearLocalTime()
    {
        Clear(BuiltInFields.LocalTime);
        Clear(BuiltInFields.LocalDayOfWeek);
    }

    /// <summary>Sets a text or enum custom attribute.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="value">The value (for an enum, one of the allowed values in any case; another value is set but matches none); <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a text or enum attribute.</exception>
    public void SetText(FieldSlot slot, string? value)
    {
        var type = Check(slot, FieldType.Text, FieldType.Enum);
        if (type == FieldType.Enum)
        {
            Present[slot.Index] = value is not null;
            Codes[slot.Index] = value is null ? UnsetCode : slot.Field!.IndexOfValue(value.AsSpan().Trim());
        }
        else
        {
            SetText(slot.Index, value);
        }
    }

    /// <summary>Sets a number custom attribute.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="value">The value; <see langword="null"/> or NaN clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a number attribute.</exception>
    public void SetNumber(FieldSlot slot, double? value)
    {
        Check(slot, FieldType.Number, FieldType.Number);
        if (slot.Field!.Access == FieldAccess.EventCount)
        {
            throw new ArgumentException("Set an event with SetEventCount or RecordEvent.", nameof(slot));
        }

        SetNumber(slot.Index, value);
    }

    /// <summary>Sets a duration custom attribute.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="value">The value; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a duration attribute.</exception>
    public void SetDuration(FieldSlot slot, Duration? value)
    {
        Check(slot, FieldType.Duration, FieldType.Duration);
        SetNumber(slot.Index, value?.TotalSeconds);
    }

    /// <summary>Sets a time-of-day custom attribute.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="value">The value; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a time-of-day attribute.</exception>
    public void SetTimeOfDay(FieldSlot slot, LocalTime? value)
    {
        Check(slot, FieldType.TimeOfDay, FieldType.TimeOfDay);
        SetNumber(slot.Index, value is { } time ? time.TickOfDay / NodaConstants.TicksPerSecond : null);
    }

    /// <summary>Sets a boolean custom attribute.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="value">The value; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a boolean attribute.</exception>
    public void SetBoolean(FieldSlot slot, bool? value)
    {
        Check(slot, FieldType.Boolean, FieldType.Boolean);
        SetBoolean(slot.Index, value);
    }

    /// <summary>Sets a list custom attribute. The context keeps the reference: do not change the list until the evaluations of the event are done.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="values">The items; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a list attribute.</exception>
    public void SetList(FieldSlot slot, IReadOnlyList<string>? values)
    {
        Check(slot, FieldType.List, FieldType.List);
        Present[slot.Index] = values is not null;
        Lists[slot.Index] = values;
    }

    /// <summary>Clears a custom attribute, or sets an event's count to 0.</summary>
    /// <param name="slot">The slot.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog.</exception>
    public void Clear(FieldSlot slot)
    {
        CheckCatalog(slot);
        if (slot.Field!.Access == FieldAccess.EventCount)
        {
            Numbers[slot.Index] = 0;
            return;
        }

        Clear(slot.Index);
    }

    /// <summary>Sets how many times an event occurred in this visit.</summary>
    /// <param name="slot">The event's slot (<c>event.&lt;name&gt;</c>).</param>
    /// <param name="count">The count, 0 or more.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not an event.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void SetEventCount(FieldSlot slot, int count)
    {
        CheckEvent(slot);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Numbers[slot.Index] = count;
    }

    /// <summary>Adds one occurrence of an event in this visit.</summary>
    /// <param name="slot">The event's slot (<c>event.&lt;name&gt;</c>).</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not an event.</exception>
    public void RecordEvent(FieldSlot slot)
    {
        CheckEvent(slot);
        Numbers[slot.Index]++;
    }

    private static void Grow(ref char[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new char[Math.Max(length, buffer.Length * 2)];
        }
    }

    private void Clear(int slot)
    {
        Present[slot] = false;
        Texts[slot] = default;
        _pairSignatures[slot] = 0;
        Numbers[slot] = double.NaN;
        Codes[slot] = UnsetCode;
        Lists[slot] = null;
    }

    private void SetText(int slot, string? value)
    {
        if (value is null)
        {
            Clear(slot);
            return;
        }

        SetText(slot, value.AsMemory());
    }

    private void SetText(int slot, ReadOnlyMemory<char> value)
    {
        Present[slot] = true;
        Texts[slot] = value;
        _pairSignatures[slot] = 0;
    }

    /// <summary>
    /// The pair signature of a text slot (see <see cref="Internal.PairSignature"/>), computed once per value
    /// (a text of fewer than two characters is recomputed each time: it has none). A context is used
    /// by one thread at a time, like every setter.
    /// </summary>
    internal ulong PairSignatureOf(int slot)
    {
        var signature = _pairSignatures[slot];
        if (signature == 0)
        {
            _pairSignatures[slot] = signature = Internal.PairSignature.Of(Texts[slot].Span);
        }

        return signature;
    }

    private void SetNumber(int slot, double? value)
    {
        if (value is not { } number || double.IsNaN(number))
        {
            Clear(slot);
            return;
        }

        Present[slot] = true;
        Numbers[slot] = number;
    }

    private void SetBoolean(int slot, bool? value)
    {
        if (value is not { } flag)
        {
            Clear(slot);
            return;
        }

        Present[slot] = true;
        Numbers[slot] = flag ? 1 : 0;
    }

    private void SetEnum(int slot, string? value)
    {
        if (value is null)
        {
            Clear(slot);
            return;
        }

        Present[slot] = true;
        Codes[slot] = FieldOf(slot).IndexOfValue(value.AsSpan().Trim());
    }

    // Built-in fields come first in every catalog, at the index of their slot.
    private FieldDefinition FieldOf(int slot) => Catalog.Fields[slot];

    private void CheckCatalog(FieldSlot slot)
    {
        if (!ReferenceEquals(slot.Catalog, Catalog))
        {
            throw new ArgumentException("The slot belongs to another field catalog than this context.", nameof(slot));
        }
    }

    private FieldType Check(FieldSlot slot, FieldType expected, FieldType alternative)
    {
        CheckCatalog(slot);
        if (slot.Type != expected && slot.Type != alternative)
        {
            throw new ArgumentException($"'{slot.Name}' holds {slot.Type} values, not {expected} values.", nameof(slot));
        }

        return slot.Type;
    }

    private void CheckEvent(FieldSlot slot)
    {
        CheckCatalog(slot);
        if (slot.Field!.Access != FieldAccess.EventCount)
        {
            throw new ArgumentException($"'{slot.Name}' is not an event.", nameof(slot));
        }
    }
}
