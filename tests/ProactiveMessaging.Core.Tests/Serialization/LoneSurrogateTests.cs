using System.Text;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>
/// A string that escapes half of a UTF-16 surrogate pair (<c>"\uD800"</c> alone) is not Unicode
/// text: every reader reports it as <see cref="JsonProblemCodes.InvalidString"/> at its path, in
/// any position, and never lets an exception out.
/// </summary>
public sealed class LoneSurrogateTests
{
    // The escapes are written as JSON text: "\\uD800" in C# is \uD800 in the document.
    private const string High = "\\uD800";
    private const string Low = "\\uDC00";

    /// <summary>Where a lone surrogate goes in the message document, and the path it is reported at.</summary>
    public static TheoryData<string, string, string> MessagePositions() => new()
    {
        // Property names: at the root, nested, and as the key of a dictionary (a language variant).
        { "\"formatVersion\": 1,", $"\"formatVersion\": 1, \"{High}\": 1,", $"$['{High}']" },
        { "\"rules\": {", $"\"rules\": {{ \"a{Low}\": true,", $"$.rules['a{Low}']" },
        { "\"pt-BR\":", $"\"pt{High}\":", $"$.reply.text.variants['pt{High}']" },

        // A condition value, a list item and each range bound.
        { "\"/checkout\"", $"\"/checkout{High}\"", "$.rules.conditions.all[0].value" },
        { "\"startsWith\",\n          \"value\": \"/checkout\"", $"\"isOneOf\",\n          \"value\": [\"/a\", \"{Low}\"]", "$.rules.conditions.all[0].value[1]" },
        { "\"atLeast\",\n          \"value\": 30", $"\"between\",\n          \"value\": {{ \"min\": \"{High}\", \"max\": 40 }}", "$.rules.conditions.all[1].value.min" },
        { "\"atLeast\",\n          \"value\": 30", $"\"between\",\n          \"value\": {{ \"min\": 1, \"max\": \"{Low}\" }}", "$.rules.conditions.all[1].value.max" },
        { "\"field\": \"page.path\"", $"\"field\": \"page.{High}\"", "$.rules.conditions.all[0].field" },

        // Plain string properties, which once read as "a string belongs here".
        { "\"Checkout help\"", $"\"Checkout {High} help\"", "$.name" },
        { "\"checkout-help\"", $"\"{Low}\"", "$.id" },
        { "\"Need help paying?\"", $"\"Need help{High}\"", "$.reply.text.default" },
        { "\"proactive\"", $"\"pro{Low}active\"", "$.rules.tags[1]" },
        { "\"live\"", $"\"live{High}\"", "$.status" },
        { "\"2026-11-20T09:30:00Z\",\n  \"publishedAt\"", $"\"{High}\",\n  \"publishedAt\"", "$.updatedAt" },
    };

    /// <summary>Escapes that leave half a pair: each is refused.</summary>
    public static TheoryData<string> LoneEscapes() =>
    [
        High, Low, High + High, Low + High, High + "a", "a" + Low, High + "\\n" + Low, High + "\\u0041",
        "\\ud83d", "\\uDE00\\uD83D", "\\uD83D\\uDE00" + Low, "\\uDBFF", "\\udfff",
    ];

    /// <summary>Strings that only look like lone surrogates, or are whole pairs: each is read.</summary>
    public static TheoryData<string> WholeEscapes() =>
    [
        "\\uD83D\\uDE00", "\\ud83d\\ude00", "\\\\uD800", "\\\\\\uD83D\\uDE00", "\\uD7FF\\uE000", "\\u0041\\\"\\/",
    ];

    [Theory]
    [MemberData(nameof(MessagePositions))]
    public void ReadMessage_LoneSurrogate_IsInvalidStringAtItsPath(string find, string replacement, string path)
    {
        var json = Replace(MessageJsonReadTests.Valid, find, replacement);

        var problem = ProblemAssert.Single(MessageJson.ReadMessage(json).Problems, JsonProblemCodes.InvalidString, ProblemKind.Malformed, path);

        Assert.Contains("unpaired UTF-16 surrogate escape", problem.Message, StringComparison.Ordinal);
        ProblemAssert.Single(MessageJson.ReadMessage(Encoding.UTF8.GetBytes(json)).Problems, JsonProblemCodes.InvalidString, ProblemKind.Malformed, path);
    }

    [Theory]
    [MemberData(nameof(MessagePositions))]
    public async Task ReadCatalog_LoneSurrogateInAMessage_IsInvalidStringAtItsPathInTheCatalog(string find, string replacement, string path)
    {
        var message = Replace(MessageJsonReadTests.Valid, find, replacement).Replace("\"formatVersion\": 1,", string.Empty, StringComparison.Ordinal);
        var json = $$"""{"formatVersion": 1, "workspace": {"id": "acme"}, "messages": [{{message}}]}""";
        var located = "$.messages[0]" + path[1..];

        await AssertCatalogRefused(json, located);
    }

    [Theory]
    [InlineData($$"""{"id": "acme", "name": "Acme{{High}}"}""", "$.workspace.name")]
    [InlineData($$"""{"id": "{{Low}}"}""", "$.workspace.id")]
    [InlineData($$"""{"id": "acme", "{{High}}": 1}""", $"$.workspace['{High}']")]
    [InlineData($$"""{"id": "acme", "schedules": [{"id": "s", "timeZone": "Europe/{{High}}", "weekly": []}]}""", "$.workspace.schedules[0].timeZone")]
    [InlineData($$"""{"id": "acme", "schedules": [{"id": "s", "timeZone": "UTC", "weekly": [], "holidays": [{"date": "2026-12-2{{Low}}"}]}]}""", "$.workspace.schedules[0].holidays[0].date")]
    public async Task ReadCatalog_LoneSurrogateInTheWorkspace_IsInvalidStringAtItsPath(string workspace, string path) =>
        await AssertCatalogRefused($$"""{"formatVersion": 1, "workspace": {{workspace}}, "messages": []}""", path);

    [Theory]
    [MemberData(nameof(LoneEscapes))]
    public void ReadMessage_HalfAPair_IsRefused(string escapes)
    {
        var json = Replace(MessageJsonReadTests.Valid, "\"/checkout\"", $"\"/checkout{escapes}\"");

        ProblemAssert.Single(MessageJson.ReadMessage(json).Problems, JsonProblemCodes.InvalidString, ProblemKind.Malformed, "$.rules.conditions.all[0].value");
    }

    [Theory]
    [MemberData(nameof(WholeEscapes))]
    public void ReadMessage_WholePairsAndLookAlikes_AreRead(string escapes)
    {
        var json = Replace(MessageJsonReadTests.Valid, "\"/checkout\"", $"\"/checkout{escapes}\"");

        var result = MessageJson.ReadMessage(json);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
    }

    [Fact]
    public void ReadMessage_WholePairInAPropertyName_IsAnUnknownPropertyNotAnInvalidString()
    {
        var json = Replace(MessageJsonReadTests.Valid, "\"formatVersion\": 1,", "\"formatVersion\": 1, \"\\uD83D\\uDE00\": 1,");

        ProblemAssert.Single(MessageJson.ReadMessage(json).Problems, JsonProblemCodes.UnknownProperty, ProblemKind.Malformed, "$['\U0001F600']");
    }

    [Fact]
    public void ReadMessage_LoneSurrogate_MessageNamesTheEscapeAndTheLine()
    {
        var json = Replace(MessageJsonReadTests.Valid, "\"Checkout help\"", "\"Checkout \\udc05 help\"");

        var problem = Assert.Single(MessageJson.ReadMessage(json).Problems);

        Assert.Contains("\\udc05", problem.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", problem.Message, StringComparison.Ordinal);
    }

    private static async Task AssertCatalogRefused(string json, string path)
    {
        ProblemAssert.Single(MessageJson.ReadCatalog(json).Problems, JsonProblemCodes.InvalidString, ProblemKind.Malformed, path);
        ProblemAssert.Single(MessageJson.ReadCatalog(Encoding.UTF8.GetBytes(json)).Problems, JsonProblemCodes.InvalidString, ProblemKind.Malformed, path);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var result = await MessageJson.ReadCatalogAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        ProblemAssert.Single(result.Problems, JsonProblemCodes.InvalidString, ProblemKind.Malformed, path);
    }

    private static string Replace(string json, string find, string replacement)
    {
        Assert.Contains(find, json, StringComparison.Ordinal);
        return json.Replace(find, replacement, StringComparison.Ordinal);
    }
}
