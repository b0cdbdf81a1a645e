using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

public sealed class AdminApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData("test-admin-key-0123456789abcde")]
    public async Task AdminRoute_WithoutTheRightKey_Is401ProblemDetails(string? key)
    {
        await using var host = await ApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/messages");
        if (key is not null)
        {
            request.Headers.Add("X-Admin-Key", key);
        }

        var (response, body) = await ApiHost.ReadAsync(await host.Visitor.SendAsync(request, Token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (int)body!["status"]!);
        Assert.Null(body["items"]);
    }

    [Fact]
    public async Task List_HoldsTheSeedAndThePresets_WithTheActionsEachStatusAllows()
    {
        await using var host = await ApiHost.StartAsync();

        var (_, body) = await ApiHost.ReadAsync(await host.Admin.GetAsync("/api/admin/messages", Token));

        Assert.Equal(9, (int)body!["total"]!);
        Assert.Equal("name", (string?)body["sort"]);
        Assert.Equal("ascending", (string?)body["direction"]);
        var items = body["items"]!.AsArray();
        Assert.Equal(9, items.Count);
        foreach (var item in items)
        {
            string[] expected = (string?)item!["status"] switch
            {
                "draft" => ["edit", "duplicate", "publish", "delete"],
                "live" => ["edit", "duplicate", "pause", "delete"],
                "paused" => ["edit", "duplicate", "resume", "delete"],
                var other => throw new InvalidOperationException($"Unexpected status {other}"),
            };
            Assert.Equal(expected, item["actions"]!.AsArray().Select(a => (string?)a));
        }

        Assert.Equal("live", (string?)items.Single(i => (string?)i!["id"] == "checkout-help")!["status"]);
        Assert.Equal("paused", (string?)items.Single(i => (string?)i!["id"] == "homepage-welcome")!["status"]);
    }

    public static TheoryData<string, string> Sorts()
    {
        var data = new TheoryData<string, string>();
        foreach (var column in new[] { "name", "status", "channel", "sent", "opened", "replied", "updatedAt" })
        {
            data.Add(column, "ascending");
            data.Add(column, "descending");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task List_SortedByAColumn_IsInThatOrder_TiesByIdAscending(string column, string direction)
    {
        await using var host = await ApiHost.StartAsync();
        // Counts that differ between messages: two visitors get checkout help, one the product bot.
        await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31));
        await host.SendEventAsync(ApiHost.Event("v-2", "/checkout", 31));
        await host.SendEventAsync(ApiHost.Event("v-3", "/products/desk-lamp", kind: "pageView", pageViews: 2));
        await host.RecordOutcomeAsync("v-1", "checkout-help", "opened");
        await host.RecordOutcomeAsync("v-1", "checkout-help", "replied");
        await host.RecordOutcomeAsync("v-3", "product-bot", "opened");

        var items = await host.ListAsync(column, direction);

        var ids = items.Select(i => (string)i!["id"]!).ToList();
        var sign = direction == "ascending" ? 1 : -1;
        var expected = items.OrderBy(i => i, Comparer<JsonNode?>.Create((a, b) =>
        {
            var byColumn = sign * Compare(column, a!, b!);
            return byColumn != 0 ? byColumn : string.CompareOrdinal((string)a!["id"]!, (string)b!["id"]!);
        })).Select(i => (string)i!["id"]!).ToList();
        Assert.Equal(expected, ids);
        Assert.Equal(9, ids.Count);
    }

    private static int Compare(string column, JsonNode a, JsonNode b) => column switch
    {
        "name" => StringComparer.InvariantCultureIgnoreCase.Compare((string?)a["name"], (string?)b["name"]),
        "status" => Rank((string)a["status"]!).CompareTo(Rank((string)b["status"]!)),
        "channel" => string.CompareOrdinal((string?)a["channelId"], (string?)b["channelId"]),
        "updatedAt" => DateTimeOffset.Parse((string)a["updatedAt"]!, CultureInfo.InvariantCulture).CompareTo(DateTimeOffset.Parse((string)b["updatedAt"]!, CultureInfo.InvariantCulture)),
        _ => ((long)a[column]!).CompareTo((long)b[column]!),
    };

    private static int Rank(string status) => status switch { "draft" => 0, "live" => 1, "paused" => 2, _ => 3 };

    [Fact]
    public async Task List_UnknownSortColumn_Is400NamingTheParameter()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await ApiHost.ReadAsync(await host.Admin.GetAsync("/api/admin/messages?sort=colour&direction=up", Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["query.direction", "query.sort"], body!["problems"]!.AsArray().Select(p => (string?)p!["path"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Publish_IncompleteDraft_Is422ListingEveryProblem()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await host.ActionAsync("incomplete-draft", "publish", 1);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Publish refused", (string?)body!["title"]);
        var problems = body["problems"]!.AsArray().Select(p => ((string?)p!["code"], (string?)p["path"])).ToList();
        Assert.Contains(("channel.required", "$.channelId"), problems);
        Assert.Contains(("text.required", "$.reply.text.default"), problems);
        Assert.Contains(("conditions.required", "$.rules.conditions"), problems);
        Assert.Equal("draft", (string?)(await host.ItemAsync("incomplete-draft"))["status"]);
    }

    [Fact]
    public async Task Publish_CompleteDraft_GoesLiveAndTheVisitorSeesIt()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await host.ActionAsync("winter-sale", "publish", 1);
        var (_, decision) = await host.SendEventAsync(ApiHost.Event("v-1", "/products/desk-lamp", kind: "pageView"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("live", (string?)body!["message"]!["status"]);
        Assert.Equal(["edit", "duplicate", "pause", "delete"], body["message"]!["actions"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("winter-sale", (string?)decision!["message"]!["id"]);
    }

    [Fact]
    public async Task Pause_LiveMessage_StopsTheVisitorEndpointShowingIt_AndResumeBringsItBack()
    {
        await using var host = await ApiHost.StartAsync();
        var version = (long)(await host.ItemAsync("checkout-help"))["version"]!;

        var (paused, pausedBody) = await host.ActionAsync("checkout-help", "pause", version);
        var (_, whilePaused) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31));
        var (resumed, _) = await host.ActionAsync("checkout-help", "resume", (long)pausedBody!["message"]!["version"]!);
        var (_, afterResume) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 32));

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("paused", (string?)pausedBody["message"]!["status"]);
        Assert.False((bool)whilePaused!["show"]!);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("checkout-help", (string?)afterResume!["message"]!["id"]);
    }

    [Fact]
    public async Task Action_WithAStaleVersion_Is409()
    {
        await using var host = await ApiHost.StartAsync();
        var version = (long)(await host.ItemAsync("checkout-help"))["version"]!;

        var (response, body) = await host.ActionAsync("checkout-help", "pause", version - 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Pause refused", (string?)body!["title"]);
        Assert.NotEmpty(body["problems"]!.AsArray());
        Assert.Equal("live", (string?)(await host.ItemAsync("checkout-help"))["status"]);
    }

    [Fact]
    public async Task Action_TheStatusDoesNotAllow_Is409()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await host.ActionAsync("winter-sale", "pause", 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotEmpty(body!["problems"]!.AsArray());
    }

    [Fact]
    public async Task Action_OnAnUnknownMessage_Is404()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await host.ActionAsync("no-such-message", "publish", 1);
        var get = await host.Admin.GetAsync("/api/admin/messages/no-such-message", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (int)body!["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Get_Message_HasItsDefinitionAndWhatBlocksPublishing()
    {
        await using var host = await ApiHost.StartAsync();

        var (_, incomplete) = await ApiHost.ReadAsync(await host.Admin.GetAsync("/api/admin/messages/incomplete-draft", Token));
        var (_, complete) = await ApiHost.ReadAsync(await host.Admin.GetAsync("/api/admin/messages/winter-sale", Token));

        Assert.Equal("Draft with problems", (string?)incomplete!["message"]!["name"]);
        Assert.Equal("incomplete-draft", (string?)incomplete["definition"]!["id"]);
        Assert.Contains(incomplete["incomplete"]!.AsArray(), p => (string?)p!["code"] == "text.required");
        Assert.Empty(complete!["incomplete"]!.AsArray());
        Assert.Equal("Our winter sale ends Sunday.", (string?)complete["definition"]!["reply"]!["text"]!["default"]);
        Assert.Null(complete["experiment"]);
    }

    [Fact]
    public async Task Edit_ChangesTheDefinition_AndAStaleOrBrokenEditIsRefused()
    {
        await using var host = await ApiHost.StartAsync();
        var (_, detail) = await ApiHost.ReadAsync(await host.Admin.GetAsync("/api/admin/messages/winter-sale", Token));
        var definition = detail!["definition"]!.DeepClone();
        definition["name"] = "Winter sale, last days";

        var (edited, editedBody) = await ApiHost.ReadAsync(await host.Admin.PutAsJsonAsync("/api/admin/messages/winter-sale", new JsonObject { ["version"] = 1, ["definition"] = definition.DeepClone() }, Token));
        var (stale, _) = await ApiHost.ReadAsync(await host.Admin.PutAsJsonAsync("/api/admin/messages/winter-sale", new JsonObject { ["version"] = 1, ["definition"] = definition.DeepClone() }, Token));
        definition["frequency"] = "sometimes";
        var (broken, brokenBody) = await ApiHost.ReadAsync(await host.Admin.PutAsJsonAsync("/api/admin/messages/winter-sale", new JsonObject { ["version"] = 2, ["definition"] = definition }, Token));

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Winter sale, last days", (string?)editedBody!["message"]!["name"]);
        Assert.Equal(2, (long)editedBody["message"]!["version"]!);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains(brokenBody!["problems"]!.AsArray(), p => (string?)p!["path"] == "$.definition.frequency");
    }

    [Fact]
    public async Task Duplicate_MakesADraftCopy_AndDeleteRemovesIt()
    {
        await using var host = await ApiHost.StartAsync();

        var (duplicated, body) = await ApiHost.ReadAsync(await host.Admin.PostAsync("/api/admin/messages/checkout-help/duplicate", null, Token));
        var copy = body!["message"]!;
        var deleted = await host.Admin.DeleteAsync($"/api/admin/messages/{(string?)copy["id"]}?version={(long)copy["version"]!}", Token);
        var noVersion = await host.Admin.DeleteAsync("/api/admin/messages/winter-sale", Token);

        Assert.Equal(HttpStatusCode.OK, duplicated.StatusCode);
        Assert.Equal("Copy of Help at checkout", (string?)copy["name"]);
        Assert.Equal("draft", (string?)copy["status"]);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(9, (await host.ListAsync()).Count);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
    }

    [Fact]
    public async Task Catalog_ExportThenImportWithReplace_RestoresTheExportedCatalog()
    {
        await using var host = await ApiHost.StartAsync();
        var export = await host.Admin.GetAsync("/api/admin/catalog", Token);
        var document = await export.Content.ReadAsStringAsync(Token);
        await host.ActionAsync("winter-sale", "publish", 1);

        var (conflict, conflictBody) = await ApiHost.ReadAsync(await host.Admin.PostAsync("/api/admin/catalog", ApiHost.Json(document), Token));
        var (replaced, report) = await ApiHost.ReadAsync(await host.Admin.PostAsync("/api/admin/catalog?onExisting=replace", ApiHost.Json(document), Token));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("catalog.json", export.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(9, JsonNode.Parse(document)!["messages"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, conflict.StatusCode);
        Assert.NotEmpty(conflictBody!["problems"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(9, report!["replaced"]!.AsArray().Count);
        Assert.Equal("draft", (string?)(await host.ItemAsync("winter-sale"))["status"]);
        var again = JsonNode.Parse(await host.Admin.GetStringAsync("/api/admin/catalog", Token))!;
        Assert.Equal(
            JsonNode.Parse(document)!["messages"]!.AsArray().Select(m => ((string?)m!["id"], (string?)m["status"])).Order(),
            again["messages"]!.AsArray().Select(m => ((string?)m!["id"], (string?)m["status"])).Order());
    }

    [Fact]
    public async Task Import_NotJson_Is400WithTheLine_AndAnotherWorkspace_Is422()
    {
        await using var host = await ApiHost.StartAsync();
        var other = """{"formatVersion": 1, "workspace": {"id": "acme", "name": "Acme"}, "messages": []}""";

        var (malformed, malformedBody) = await ApiHost.ReadAsync(await host.Admin.PostAsync("/api/admin/catalog", ApiHost.Json("{\n\"formatVersion\": 1,\n\"messages\": [,]\n}"), Token));
        var (foreign, foreignBody) = await ApiHost.ReadAsync(await host.Admin.PostAsync("/api/admin/catalog", ApiHost.Json(other), Token));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var problem = Assert.Single(malformedBody!["problems"]!.AsArray())!;
        Assert.Equal("json.syntax", (string?)problem["code"]);
        Assert.Contains("3", (string?)problem["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Equal("$.workspace.id", (string?)foreignBody!["problems"]![0]!["path"]);
    }

    [Fact]
    public async Task AdminBody_LargerThan4MiB_Is413()
    {
        await using var host = await ApiHost.StartAsync();
        var large = "{\"padding\": \"" + new string('x', 4 * 1024 * 1024) + "\"}";

        var (response, body) = await ApiHost.ReadAsync(await host.Admin.PostAsync("/api/admin/catalog", ApiHost.Json(large), Token));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (int)body!["status"]!);
    }

    [Fact]
    public async Task Explain_ReturnsTheConditionTrace_AndRecordsNothing()
    {
        await using var host = await ApiHost.StartAsync();
        var request = new JsonObject { ["event"] = ApiHost.Event("v-1", "/checkout", 12), ["messageId"] = "checkout-help" };

        var (response, body) = await ApiHost.ReadAsync(await host.Admin.PostAsJsonAsync("/api/admin/explain", request, Token));
        var (_, wouldShow) = await ApiHost.ReadAsync(await host.Admin.PostAsJsonAsync("/api/admin/explain", new JsonObject { ["event"] = ApiHost.Event("v-1", "/checkout", 31) }, Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("noConditionsMet", (string?)body!["outcome"]);
        var message = Assert.Single(body["messages"]!.AsArray())!;
        Assert.Equal("checkout-help", (string?)message["id"]);
        Assert.False((bool)message["wouldShow"]!);
        Assert.Equal("allowed", (string?)message["timingVerdict"]);
        Assert.Equal("wouldSend", (string?)message["frequencyVerdict"]);
        var root = message["conditions"]!;
        Assert.Equal("all", (string?)root["kind"]);
        Assert.Equal("$.rules.conditions", (string?)root["path"]);
        Assert.False((bool)root["met"]!);
        var path = root["items"]![0]!;
        var time = root["items"]![1]!;
        Assert.Equal(("page.path", "startsWith", "/checkout", true), ((string?)path["field"], (string?)path["operator"], (string?)path["value"], (bool)path["met"]!));
        Assert.Equal(("page.timeOnPage", "atLeast", false), ((string?)time["field"], (string?)time["operator"], (bool)time["met"]!));
        Assert.NotNull((string?)time["visitorValue"]);
        Assert.Equal("show", (string?)wouldShow!["decision"]!["outcome"]);
        Assert.Equal(0, (long)(await host.ItemAsync("checkout-help"))["sent"]!);
    }

    [Fact]
    public async Task Experiment_CartReminder_CountsEachArmsVisitorsAndThePurchasesOfItsVisitors()
    {
        await using var host = await ApiHost.StartAsync();
        var shownByVariant = new Dictionary<string, int>(StringComparer.Ordinal);
        var purchasesByArm = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            var visitor = $"v-cart-{i}";
            var (_, decision) = await host.SendEventAsync(ApiHost.Event(visitor, "/cart", timeOnPage: 11));
            string arm;
            if ((bool)decision!["show"]!)
            {
                Assert.Equal("cart-reminder", (string?)decision["message"]!["id"]);
                arm = (string)decision["message"]!["variantId"]!;
                shownByVariant[arm] = shownByVariant.GetValueOrDefault(arm) + 1;
            }
            else
            {
                Assert.Equal("heldOut", (string?)decision["outcome"]);
                arm = "control";
            }

            if (i % 3 == 0)
            {
                var purchase = ApiHost.Event(visitor, "/checkout", kind: "appEvent");
                purchase["eventName"] = "purchase";
                var (response, _) = await host.SendEventAsync(purchase);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                purchasesByArm[arm] = purchasesByArm.GetValueOrDefault(arm) + 1;
            }
        }

        var (resultsResponse, results) = await ApiHost.ReadAsync(await host.Admin.GetAsync("/api/admin/messages/cart-reminder/experiment", Token));

        Assert.Equal(HttpStatusCode.OK, resultsResponse.StatusCode);
        Assert.True((bool)results!["hasGoal"]!);
        var arms = results["arms"]!.AsArray().ToDictionary(arm => (string)arm!["armId"]!, arm => arm!);
        Assert.Equal(["control", "delivery", "saved"], arms.Keys.Order(StringComparer.Ordinal));
        Assert.True((bool)arms["control"]["isControl"]!);
        Assert.Equal(200 - shownByVariant.Values.Sum(), (long)arms["control"]["visitors"]!);
        foreach (var (variant, shown) in shownByVariant)
        {
            Assert.Equal(shown, (long)arms[variant]["visitors"]!);
            Assert.NotNull(arms[variant]["versusControl"]);
        }

        foreach (var (arm, node) in arms)
        {
            Assert.Equal(purchasesByArm.GetValueOrDefault(arm), (long)node["converted"]!);
        }

        var item = await host.ItemAsync("cart-reminder");
        Assert.True((bool)item["hasExperiment"]!);
        Assert.Equal(shownByVariant.Values.Sum(), (long)item["sent"]!);
    }

    [Fact]
    public async Task Experiment_OfAMessageWithout_Is404()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Admin.GetAsync("/api/admin/messages/checkout-help/experiment", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
