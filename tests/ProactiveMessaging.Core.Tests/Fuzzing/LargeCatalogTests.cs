using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Fuzzing;

/// <summary>
/// Hostile catalogs at the message cap and within every other limit, too large to keep as files,
/// so generated here: each is read, to a value or to its problems, within a bound.
/// </summary>
[Collection(nameof(TimeBoundTests))]
public sealed class LargeCatalogTests
{
    /// <summary>Generous for ten thousand messages read and validated on a busy machine; the slow paths cost many times more.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>The generated catalogs, by name.</summary>
    public static TheoryData<string> Cases() => ["pattern-1", "pattern-2", "unknown-fields", "unknown-fields-declared"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedCatalog_IsWithinEveryLimit(string name)
    {
        var bytes = Generate(name, JsonFormatDefaults.MaxCatalogMessages);

        Assert.InRange(bytes.Length, 1_000_000, JsonFormatDefaults.MaxCatalogBytes);
        AssertRead(name, MessageJson.ReadCatalog(Generate(name, 5)), 5);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadCatalog_GeneratedCatalog_IsReadWithinTheBound(string name)
    {
        var count = JsonFormatDefaults.MaxCatalogMessages;
        var bytes = Generate(name, count);

        var stopwatch = Stopwatch.StartNew();
        var result = MessageJson.ReadCatalog(bytes);
        stopwatch.Stop();

        AssertRead(name, result, count);
        if (count == JsonFormatDefaults.MaxCatalogMessages)
        {
            Assert.True(stopwatch.Elapsed < Bound, $"Reading took {stopwatch.Elapsed.TotalSeconds:F1} s.");
        }
    }

    private static void AssertRead(string name, ValidationResult<CatalogDocument> result, int count)
    {
        if (name.StartsWith("pattern", StringComparison.Ordinal))
        {
            Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
            Assert.Equal(count, result.Value.Messages.Length);
        }
        else
        {
            // Every condition tests a field nobody declared: one problem each, with its path.
            Assert.False(result.Succeeded);
            Assert.Equal(count * UnknownFieldsPerMessage, result.Problems.Count(p => p.Code == ConditionProblemCodes.FieldUnknown));
        }
    }

    private const int UnknownFieldsPerMessage = 20;

    /// <summary>
    /// <c>pattern-N</c>: Live messages whose conditions test the page path against the same N
    /// patterns (as a real catalog reuses a few). <c>unknown-fields</c>: messages of 20 conditions
    /// on custom attributes nobody declared; <c>-declared</c> adds the most declarations allowed,
    /// so that every "did you mean" looks through hundreds of fields.
    /// </summary>
    internal static byte[] Generate(string name, int messages)
    {
        var json = new StringBuilder("""{"formatVersion": 1, "workspace": {"id": "acme" """);
        if (name.EndsWith("-declared", StringComparison.Ordinal))
        {
            json.Append(""", "customAttributes": [""")
                .AppendJoin(", ", Enumerable.Range(0, 256).Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"name": "attributeNumber{{i}}", "type": "number"}""")))
                .Append("""], "events": [""")
                .AppendJoin(", ", Enumerable.Range(0, 256).Select(i => string.Create(CultureInfo.InvariantCulture, $"\"eventNumber{i}\"")))
                .Append(']');
        }

        json.Append("""}, "messages": [""");
        var patterns = name.StartsWith("pattern-", StringComparison.Ordinal) ? int.Parse(name["pattern-".Length..], CultureInfo.InvariantCulture) : 0;
        for (var i = 0; i < messages; i++)
        {
            json.Append(i == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture, $$"""
                {"id": "m{{i}}", "name": "Message {{i}}", "channelId": "web-main",
                 "reply": {"type": "agent", "text": {"default": "Looking for something in particular? We are here to help."}, "askForName": false, "askForEmail": false},
                 "rules": {"conditions": {"all": [
                """);
            if (patterns == 0)
            {
                json.AppendJoin(", ", Enumerable.Range(0, UnknownFieldsPerMessage).Select(c => string.Create(CultureInfo.InvariantCulture, $$"""{"field":"custom.undeclared{{c}}","operator":"isSet"}""")));
            }
            else
            {
                for (var p = 0; p < patterns; p++)
                {
                    json.Append(CultureInfo.InvariantCulture, $$"""{"field": "page.path", "operator": "matchesPattern", "value": "^/products/{{p}}/[a-z]+(-[a-z0-9]+)*$"}, """);
                }

                json.Append(CultureInfo.InvariantCulture, $$"""{"field": "page.title", "operator": "contains", "value": "product {{i}}"}""");
            }

            json.Append(CultureInfo.InvariantCulture, $$"""
                ]}, "tags": ["catalog", "m{{i}}"]},
                 "timing": "anytime", "frequency": "oncePerVisit", "priority": {{i % 7}}, "status": "live",
                 "metrics": {"sent": {{i * 3}}, "opened": {{i}}, "replied": 0},
                 "updatedAt": "2026-11-20T09:30:00Z", "publishedAt": "2026-11-20T09:30:00Z", "version": {{1 + (i % 5)}} }
                """);
        }

        return Encoding.UTF8.GetBytes(json.Append("\n]}").ToString());
    }
}
