using System.Globalization;
using System.Reflection;
using System.Text;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Tool.Input;

namespace ProactiveMessaging.Tool.Tests.Input;

/// <summary>
/// The fast path of <see cref="EventLineReader"/> against its reference path (the fast path turned
/// off): for every line, valid or broken, the same problem, the same event and the same visitor context.
/// </summary>
public sealed class EventLineReaderFastPathTests
{
    private const string Workspace = "shop";

    private static readonly FieldCatalog Fields = FieldCatalog.Default
        .WithCustomAttribute("plan", FieldType.Enum, ["free", "pro"])
        .WithCustomAttribute("company", FieldType.Text)
        .WithCustomAttribute("score", FieldType.Number)
        .WithCustomAttribute("wait", FieldType.Duration)
        .WithCustomAttribute("beta", FieldType.Boolean)
        .WithCustomAttribute("build", FieldType.Version)
        .WithCustomAttribute("gateway", FieldType.IpAddress)
        .WithCustomAttribute("tags", FieldType.List)
        .WithCustomAttribute("since", FieldType.Date)
        .WithCustomAttribute("opens", FieldType.TimeOfDay)
        .WithCustomAttribute("firstSeen", FieldType.Instant)
        .WithEvent("purchase")
        .WithEvent("signup");

    // Every JSON number form: plain, signed, zero and minus zero, leading-zero fractions, exponents,
    // more digits than a double holds exactly, past int, and the invalid forms the grammar forbids.
    private static readonly string[] Numbers =
    [
        "0", "-0", "7", "12", "1.5", "12.25", "0.1", "0.000001", "-3", "-2.5", "1.0", "100", "999999999", "1000000000",
        "2147483647", "2147483648", "123456789012345", "1234567890123456", "12345678901234567890", "0.1234567890123456789",
        "1e2", "1E+2", "2.5e-3", "-0.0", "1e400", "01", "1.", ".5", "-", "+1", "0x10", "NaN",
    ];

    private static readonly string[] Instants =
    [
        "2026-11-30T09:00:00Z", "2026-11-30T09:00:00.5Z", "2026-11-30T09:00:00.1234567Z", "2026-11-30T09:00:00.123456789Z",
        "2026-11-30T23:59:59+01:00", "2026-03-01T00:30:00-02:30", "2028-02-29T12:00:00+13:45", "2026-11-30T09:00:00+14:00",
        "2026-11-30T09:00:00z", "2026-11-30T09:00:00", "2026-11-30", "2026-02-29T09:00:00Z", "2026-11-30T24:00:00Z",
        "2026-11-30t09:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2026-11-30T09:00Z",
        "2026-11-30T09:00:60Z", "2026-1a-30T09:00:00Z", "2026-11-30T09:00:00+0100",
    ];

    // Texts of every kind; the last four are escaped or not ASCII.
    private static readonly string[] Texts =
    [
        "/checkout/cart", "https://example.com/pricing?q=1&b=2", "", "pt-BR", "en", "PT", "de", "desktop", "Mobile", "tablet", "2",
        "phone", "Europe/Lisbon", "America/New_York", "Mars/Olympus", "UTC", "webWidget", "mobileSdk", "1.2.3", "10.0.0.1", "::1",
        "pro", "free", "Pro", "09:30", "2026-12-01", "2026-12-01T10:00:00Z", "caf\u00e9", "a\\/b", "\\u0041BC", "x\\ty",
    ];

    private bool _plain;

    private static readonly string[] Mutations = ["\"", "{", "}", "[", "]", ",", ":", "1", "a", " ", "\\", "-", ".", "e", "\u0001", "\u00e9", "n", "0", "\t"];

    [Fact]
    public void Read_GeneratedValidLines_FastAndReferencePathsGiveTheSameEventAndContext()
    {
        var check = new Check();
        var random = new Random(16);
        for (var i = 0; i < 20_000; i++)
        {
            check.Line(Line(random));
        }

        // The comparison means something only when the fast path did read most lines.
        Assert.True(check.FastLines > 4_000, $"the fast path read {check.FastLines} of 20,000 lines");
        Assert.True(check.Valid > 4_000, $"{check.Valid} of 20,000 lines were valid");
    }

    [Fact]
    public void Read_GeneratedBrokenLines_FastAndReferencePathsGiveTheSameProblem()
    {
        var check = new Check();
        var random = new Random(61);
        for (var i = 0; i < 20_000; i++)
        {
            var line = Line(random);
            check.Line(Break(random, line));
        }

        Assert.True(check.FastLines > 200, $"the fast path read {check.FastLines} of 20,000 lines");
    }

    // The same comparison as properties: each case a line of its own seed, so that a failure names
    // the seed that gives the line again.
    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public void Property_AnyGeneratedLine_IsReadAlikeByBothPaths(int seed) => new Check().Line(Line(new Random(seed)));

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public void Property_AnyBrokenLine_IsReadAlikeByBothPaths(int seed)
    {
        var random = new Random(seed);
        new Check().Line(Break(random, Line(random)));
    }

    [Theory]
    [InlineData("""{"formatVersion":1,"at":"2026-11-30T09:00:49Z","type":"heartbeat","channelId":"web-main","visitorId":"v-20","visitor":{"url":"/checkout/cart","timeOnPage":16,"pageViews":2,"visits":4,"isReturning":true,"country":"PT","language":"en-GB"}}""")]
    [InlineData("""{"formatVersion": 1, "at": "2026-12-01T10:00:00Z", "type": "pageView", "channelId": "web-main", "visitorId": "v-42", "visitor": {"url": "https://example.com/pricing", "timeOnPage": 12, "country": "PT", "custom": {"plan": "pro"}, "events": {"purchase": 2}}}""")]
    [InlineData("""{"formatVersion": 1, "at": "2026-12-01T10:00:40Z", "type": "outcome", "visitorId": "v-42", "outcome": "opened", "messageId": "checkout-help"}""")]
    public void Read_LinesOfTheDocumentedAndGeneratedLogs_AreReadByTheFastPath(string json)
    {
        var check = new Check();

        Assert.Null(check.Line(json));
        Assert.Equal(1, check.FastLines);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("-1")]
    [InlineData("\"1\"")]
    [InlineData("2147483648")]
    public void Read_FormatVersionNotTheWholeNumberOne_IsTheReferenceProblem(string version)
    {
        var check = new Check();

        var problem = check.Line($$"""{"formatVersion":{{version}},"type":"pageView","channelId":"web-main","visitorId":"v"}""");

        Assert.Equal(new EventProblem("$.formatVersion", "the event format version must be 1."), problem);
    }

    [Theory]
    [InlineData("-0", 0)]
    [InlineData("999999999", 999_999_999)]
    [InlineData("2147483647", int.MaxValue)]
    public void Read_CountAtTheEdges_IsTheCountOfTheReferencePath(string json, int expected)
    {
        var check = new Check();

        Assert.Null(check.Line($$$"""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"pageViews":{{{json}}}}}"""));
        Assert.Equal(expected, (int)check.Number("visit.pageViews"));
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("0.1")]
    [InlineData("123456789012.345")]
    [InlineData("1e2")]
    [InlineData("2.5E-3")]
    [InlineData("0.30000000000000004")]
    public void Read_NumberForms_GiveTheBitsTheReferencePathGives(string json)
    {
        var check = new Check();

        Assert.Null(check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"custom":{"score":""" + json + "}}}"));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(json, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(check.Number("custom.score")));
    }

    [Theory]
    [InlineData("2026-11-30T09:00:00Z", "2026-11-30T09:00:00Z")]
    [InlineData("2026-11-30T09:00:00.1234567Z", "2026-11-30T09:00:00.1234567Z")]
    [InlineData("2026-11-30T09:00:00.05+01:30", "2026-11-30T07:30:00.05Z")]
    [InlineData("2026-12-31T23:00:00-02:00", "2027-01-01T01:00:00Z")]
    [InlineData("2028-02-29T00:00:00Z", "2028-02-29T00:00:00Z")]
    public void Read_InstantForms_AreTheInstantsOfTheReferencePath(string at, string expected)
    {
        var check = new Check();

        Assert.Null(check.Line($$"""{"formatVersion":1,"at":"{{at}}","type":"pageView","channelId":"web-main","visitorId":"v"}"""));
        Assert.Equal(NodaTime.Text.InstantPattern.ExtendedIso.Parse(expected).Value, check.At);
    }

    [Theory]
    [InlineData("2026-02-29T09:00:00Z")]
    [InlineData("2026-11-30T09:00:00")]
    [InlineData("2026-11-30T09:00:00.12345678Z")]
    [InlineData("2026-11-30T09:00:00+14:00")]
    public void TryParseInstant_FormsItLeavesToTheReferencePath_AreNotRead(string at) =>
        Assert.False(EventLineReader.TryParseInstant(Encoding.ASCII.GetBytes(at), out _));

    [Theory]
    [InlineData("99999999999999")]
    [InlineData("99999999999999x}}")]
    [InlineData("99999999999999e}}")]
    public void Read_NumberTooLargeForADurationNotEndedAsJsonEndsIt_IsTheReferenceSyntaxProblem(string rest)
    {
        var check = new Check();

        // The number is read only once what follows it ends it: a setter refusing the value must not come first.
        var problem = check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"timeOnPage":""" + rest);

        Assert.Equal("$", problem?.Path);
        Assert.StartsWith("not a JSON object:", problem?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"timeOnPage\":1e13", "$.visitor.timeOnPage")]
    [InlineData("\"timeOnPage\":-1000000000001", "$.visitor.timeOnPage")]
    [InlineData("\"custom\":{\"wait\":2000000000000}", "$.visitor.custom.wait")]
    public void Read_DurationBeyondTheRange_IsTheSameProblemOnBothPaths_NeverAnException(string visitor, string path)
    {
        var check = new Check();

        var problem = check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{""" + visitor + "}}");

        Assert.Equal(path, problem?.Path);
        Assert.Contains("must be a number of seconds from -1,000,000,000,000 to 1,000,000,000,000", problem?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DurationAtTheEdgeOfTheRange_IsRead()
    {
        var check = new Check();

        Assert.Null(check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"timeOnPage":1000000000000}}"""));
        Assert.Equal(1e12, check.Number("page.timeOnPage"));
    }

    [Fact]
    public void Read_SecondVisitorObjectWithoutChannelKind_GivesTheChannelsKindAsTheReferencePathDoes()
    {
        var check = new Check();

        Assert.Null(check.Line("""{"formatVersion":1,"type":"pageView","channelId":"app","visitorId":"v","visitor":{"channelKind":"webWidget"},"visitor":{"url":"/a"}}"""));
        Assert.Equal(1, check.FastLines);
    }

    [Fact]
    public void Read_ValidLinesTheFastPathLeavesToTheReferencePath_CostNoException()
    {
        var check = new Check();
        var exceptions = 0;
        var thread = Environment.CurrentManagedThreadId;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                exceptions++;
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            // Not ASCII, an escape, an exponent: turned away before scanning; a list: given up half-way.
            Assert.Null(check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"title":"café"}}"""));
            Assert.Null(check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"url":"\/a"}}"""));
            Assert.Null(check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"timeOnPage":1e1}}"""));
            Assert.Null(check.Line("""{"formatVersion":1,"type":"pageView","channelId":"web-main","visitorId":"v","visitor":{"custom":{"tags":["a","b"]}}}"""));
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, check.FastLines);
        Assert.Equal(0, exceptions);
    }

    /// <summary>A valid line (mostly): the properties of the format in random order, some repeated, with random spaces, escapes and values.</summary>
    private string Line(Random random)
    {
        // Half the lines plain, with values that fit their property: the lines the fast path reads.
        _plain = random.Next(2) == 0;
        var properties = new List<string>();
        var type = Pick(random, ["pageView", "heartbeat", "appEvent", "outcome"]);
        Add(random, properties, "formatVersion", !_plain && random.Next(40) == 0 ? Pick(random, Numbers) : "1");
        if (random.Next(8) != 0)
        {
            Add(random, properties, "at", Quote(random.Next(3) == 0 ? Pick(random, Instants) : Pick(random, Instants.AsSpan(0, 8).ToArray())));
        }

        Add(random, properties, "type", Quote(random.Next(50) == 0 ? "click" : type));
        if (random.Next(6) == 0)
        {
            Add(random, properties, "workspaceId", !_plain && random.Next(10) == 0 ? "\"other\"" : !_plain && random.Next(10) == 0 ? "\"sh\\u006fp\"" : "\"shop\"");
        }

        if (type != "outcome" || random.Next(5) == 0)
        {
            Add(random, properties, "channelId", Quote(Pick(random, _plain ? ["web-main", "app", "social"] : ["web-main", "web-main", "app", "social", "web-m\\u0061in"])));
        }

        Add(random, properties, "visitorId", !_plain && random.Next(30) == 0 ? Pick(random, ["42", "null", "\"\"", "\"v-caf\u00e9\""]) : Quote("v-" + random.Next(1000).ToString(CultureInfo.InvariantCulture)));
        foreach (var id in new[] { "visitId", "pageViewId" })
        {
            if (random.Next(3) == 0)
            {
                Add(random, properties, id, random.Next(4) == 0 ? "null" : Quote("s-" + random.Next(100).ToString(CultureInfo.InvariantCulture)));
            }
        }

        if ((type == "appEvent" && random.Next(2) == 0) || random.Next(40) == 0)
        {
            Add(random, properties, "eventName", random.Next(5) == 0 ? "null" : Quote(Pick(random, _plain ? ["purchase", "signup"] : ["purchase", "cart-\\u0061dded", "signup"])));
        }

        if (type == "outcome" || random.Next(40) == 0)
        {
            Add(random, properties, "outcome", Quote(Pick(random, ["opened", "dismissed", "windowClosed", "replied", "conversationStarted", "conversationEnded", "clicked"])));
            if (random.Next(5) != 0)
            {
                Add(random, properties, "messageId", random.Next(6) == 0 ? "null" : Quote(Pick(random, ["checkout-help", "welcome", "welcome", "gone"])));
            }
        }

        if (type != "outcome" && random.Next(6) != 0)
        {
            Add(random, properties, "visitor", Visitor(random));
        }

        if (!_plain && random.Next(60) == 0)
        {
            Add(random, properties, Pick(random, ["extra", "Visitor", "channelid"]), "1");
        }

        Shuffle(random, properties);
        return Space(random) + "{" + string.Join(",", properties) + Space(random) + "}" + Space(random);
    }

    private string Visitor(Random random)
    {
        var properties = new List<string>();
        foreach (var name in new[] { "url", "title", "referrer", "language", "country", "timeZone", "deviceType", "os", "browser", "channelKind", "appVersion", "ip" })
        {
            if (random.Next(3) == 0)
            {
                Add(random, properties, name, TextValue(random, name));
            }
        }

        foreach (var name in new[] { "timeOnPage", "pageViews", "visits" })
        {
            if (random.Next(2) == 0)
            {
                Add(random, properties, name, random.Next(4) == 0 ? Number(random) : random.Next(10) == 0 ? "null" : random.Next(100).ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var name in new[] { "isReturning", "isIdentified" })
        {
            if (random.Next(3) == 0)
            {
                Add(random, properties, name, Pick(random, ["true", "false", "null", "1", "\"true\""]));
            }
        }

        if (random.Next(3) == 0)
        {
            Add(random, properties, "custom", Custom(random));
        }

        if (random.Next(3) == 0)
        {
            var events = new List<string>();
            foreach (var name in new[] { "purchase", "signup", "purchase", "refund" })
            {
                if (random.Next(name == "refund" ? (_plain ? int.MaxValue : 30) : 2) == 0)
                {
                    Add(random, events, name, random.Next(3) == 0 ? Number(random) : random.Next(8) == 0 ? "null" : random.Next(5).ToString(CultureInfo.InvariantCulture));
                }
            }

            Add(random, properties, "events", "{" + string.Join(",", events) + "}");
        }

        Shuffle(random, properties);
        return "{" + string.Join(",", properties) + Space(random) + "}";
    }

    private string Custom(Random random)
    {
        var properties = new List<string>();
        foreach (var name in new[] { "plan", "company", "score", "wait", "beta", "build", "gateway", "tags", "since", "opens", "firstSeen", "plan", "unknown" })
        {
            if (random.Next(name == "unknown" ? 40 : 4) != 0 || (_plain && name is "tags" or "since" or "opens" or "firstSeen" or "unknown"))
            {
                continue;
            }

            var value = random.Next(12) == 0 ? "null" : name switch
            {
                "plan" or "company" or "build" or "gateway" or "since" or "opens" => !_plain && random.Next(5) == 0 ? Pick(random, Numbers) : TextValue(random, allowNull: false),
                "score" or "wait" => !_plain && random.Next(10) == 0 ? "\"5\"" : Number(random),
                "beta" => Pick(random, ["true", "false", "0"]),
                "tags" => random.Next(5) == 0 ? "\"a\"" : "[" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => TextValue(random, allowNull: false))) + "]",
                "firstSeen" => Quote(Pick(random, Instants)),
                _ => "1",
            };
            Add(random, properties, name, value);
        }

        return "{" + string.Join(",", properties) + "}";
    }

    private string TextValue(Random random, string name = "", bool allowNull = true) =>
        allowNull && random.Next(8) == 0 ? "null"
        : !_plain && random.Next(30) == 0 ? Pick(random, Numbers)
        : !_plain ? Quote(Pick(random, Texts))
        : Quote(name switch
        {
            "timeZone" => Pick(random, ["Europe/Lisbon", "America/New_York", "UTC"]),
            "deviceType" => Pick(random, ["desktop", "Mobile", "tablet"]),
            "channelKind" => Pick(random, ["webWidget", "mobileSdk"]),
            _ => Pick(random, Texts[..^4]),
        });

    private string Number(Random random) => Pick(random, _plain ? Numbers[..8] : Numbers);

    /// <summary>The line with a byte deleted, replaced or inserted, cut short, or a value swapped for one of the wrong type.</summary>
    private static string Break(Random random, string line)
    {
        var at = random.Next(line.Length);
        return random.Next(5) switch
        {
            0 => line.Remove(at, 1),
            1 => line.Remove(at, 1).Insert(at, Pick(random, Mutations)),
            2 => line.Insert(at, Pick(random, Mutations)),
            3 => line[..at],
            _ => SwapValue(random, line),
        };
    }

    private static string SwapValue(Random random, string line)
    {
        var colon = line.IndexOf(':', random.Next(line.Length));
        if (colon < 0)
        {
            return line + "x";
        }

        var end = colon + 1;
        while (end < line.Length && line[end] is not (',' or '}'))
        {
            end++;
        }

        return line[..(colon + 1)] + Pick(random, ["null", "true", "1", "-1.5", "\"x\"", "{}", "[]", "{\"a\":1}"]) + line[end..];
    }

    private void Add(Random random, List<string> properties, string name, string value)
    {
        // Now and then a name written with an escape (the same name), and now and then a property twice.
        var written = !_plain && random.Next(25) == 0 ? "\\u00" + ((int)name[0]).ToString("x2", CultureInfo.InvariantCulture) + name[1..] : name;
        properties.Add(Space(random) + Quote(written) + Space(random) + ":" + Space(random) + value + Space(random));
        if (random.Next(40) == 0)
        {
            properties.Add(Quote(name) + ":" + value);
        }
    }

    private string Space(Random random) => random.Next(6) switch
    {
        0 => " ",
        1 when !_plain && random.Next(10) == 0 => Pick(random, ["  ", "\t", "\r\n", " \n "]),
        _ => string.Empty,
    };

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static void Shuffle(Random random, List<string> values)
    {
        for (var i = values.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>Two readers, the fast one and the reference one, fed the same lines, compared after each.</summary>
    private sealed class Check
    {
        private static readonly FieldInfo[] ContextFields = typeof(VisitorContext).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        private readonly EventLineReader _fast = NewReader(fastPath: true);
        private readonly EventLineReader _reference = NewReader(fastPath: false);
        private readonly EventLine _fastLine = new(Fields);
        private readonly EventLine _referenceLine = new(Fields);

        public long FastLines => _fast.FastLines;

        public int Valid { get; private set; }

        public Instant? At => _fastLine.At;

        /// <summary>The number the fast reader's context holds for a field (read through the context's internals: it has no getters).</summary>
        public double Number(string field)
        {
            var definition = Fields.Fields.Single(f => f.Name == field);
            var index = (int)typeof(FieldDefinition).GetProperty("Slot", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(definition)!;
            return ((double[])typeof(VisitorContext).GetProperty("Numbers", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(_fastLine.Visitor)!)[index];
        }

        public EventProblem? Line(string json)
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            var reference = Outcome(() => _reference.Read(utf8, _referenceLine), out _);
            var fast = Outcome(() => _fast.Read(utf8, _fastLine), out var problem);
            Assert.True(reference == fast, $"{json}\nreference: {reference}\nfast: {fast}");
            Assert.True(Difference() is null, $"{json}\n{Difference()}");
            Valid += fast.Length == 0 ? 1 : 0;
            return problem;
        }

        /// <summary>
        /// The problem, or the exception that escaped the reader (none should: a value a setter would
        /// refuse is a problem of both paths), compared by type and message.
        /// </summary>
        private static string Outcome(Func<EventProblem?> read, out EventProblem? problem)
        {
            problem = null;
            try
            {
                problem = read();
                return problem is null ? string.Empty : $"{problem.Path}: {problem.Message}";
            }
            catch (ArgumentException exception)
            {
                return $"{exception.GetType()}: {exception.Message}";
            }
        }

        private static EventLineReader NewReader(bool fastPath) =>
            new(Workspace, ["web-main", "app", "social"], ["checkout-help", "welcome"], Fields, new Dictionary<string, string?> { ["app"] = "mobileSdk", ["social"] = null })
            {
                DefaultZone = DateTimeZoneProviders.Tzdb["Europe/Lisbon"],
                UsesFastPath = fastPath,
            };

        private static string? Differ(string what, object? reference, object? fast)
        {
            switch (reference, fast)
            {
                case (null, null):
                    return null;
                case (char[], char[]):
                    // Buffers: what they hold that counts is read through the texts that point into them.
                    return null;
                case (FieldCatalog, FieldCatalog):
                    return null;
                case (double a, double b):
                    return BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) ? null : $"{what}: {a:R} != {b:R}";
                case (IEnumerable<string> a, IEnumerable<string> b):
                    return a.SequenceEqual(b) ? null : $"{what}: [{string.Join(", ", a)}] != [{string.Join(", ", b)}]";
                case (ReadOnlyMemory<char> a, ReadOnlyMemory<char> b):
                    return a.Span.SequenceEqual(b.Span) ? null : $"{what}: '{a}' != '{b}'";
                case (Array a, Array b):
                    if (a.Length != b.Length)
                    {
                        return $"{what}: {a.Length} items != {b.Length}";
                    }

                    for (var i = 0; i < a.Length; i++)
                    {
                        if (Differ($"{what}[{i}]", a.GetValue(i), b.GetValue(i)) is { } difference)
                        {
                            return difference;
                        }
                    }

                    return null;
                default:
                    return Equals(reference, fast) ? null : $"{what}: {reference} != {fast}";
            }
        }

        private string? Difference()
        {
            var (r, f) = (_referenceLine, _fastLine);
            var difference = Differ("At", r.At, f.At) ?? Differ("Type", r.Type, f.Type) ?? Differ("WorkspaceId", r.WorkspaceId, f.WorkspaceId)
                ?? Differ("ChannelId", r.ChannelId, f.ChannelId) ?? Differ("VisitorId", r.VisitorId, f.VisitorId) ?? Differ("VisitId", r.VisitId, f.VisitId)
                ?? Differ("PageViewId", r.PageViewId, f.PageViewId) ?? Differ("EventName", r.EventName, f.EventName) ?? Differ("Outcome", r.Outcome, f.Outcome)
                ?? Differ("MessageId", r.MessageId, f.MessageId) ?? Differ("TimeZone", r.TimeZone, f.TimeZone);
            foreach (var field in ContextFields)
            {
                difference ??= Differ("Visitor." + field.Name, field.GetValue(r.Visitor), field.GetValue(f.Visitor));
            }

            return difference;
        }
    }
}
