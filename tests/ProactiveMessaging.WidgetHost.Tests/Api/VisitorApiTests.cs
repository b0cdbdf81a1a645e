using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Lifecycle;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

public sealed class VisitorApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WhenStartAsyncReturns_TheSeedsLiveMessagesAreInTheEngine()
    {
        await using var host = await ApiHost.StartAsync();

        var live = host.App.Services.GetRequiredService<MessageCatalog>().GetLiveSet("demo-shop");
        Assert.Equal(["cart-reminder", "checkout-help", "product-bot"], live.Channels["web"].Select(m => m.Id).Order(StringComparer.Ordinal));
        var (_, body) = await host.SendEventAsync(ApiHost.Event("v-start", "/checkout", 31));
        Assert.Equal("show", (string?)body!["outcome"]);
    }

    [Fact]
    public async Task Checkout_After31Seconds_ShowsCheckoutHelpFromTheAgentSender()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31.2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("show", (string?)body!["outcome"]);
        Assert.True((bool)body["show"]!);
        var message = body["message"]!;
        Assert.Equal("checkout-help", (string?)message["id"]);
        Assert.Equal("Need a hand with your payment?", (string?)message["text"]);
        Assert.Equal("aboveLauncher", (string?)message["presentation"]);
        Assert.Equal("agent", (string?)message["sender"]!["kind"]);
        Assert.Equal("Ada from Demo Shop", (string?)message["sender"]!["name"]);
        Assert.True((bool)message["askForName"]!);
        Assert.True((bool)message["askForEmail"]!);
        Assert.Equal("Thanks! What can we help you with today?", (string?)message["followUp"]);
        Assert.True((bool)message["handsOverToAgent"]!);
        Assert.Null(message["botAnswer"]);
    }

    [Fact]
    public async Task Checkout_Before30Seconds_ShowsNothing()
    {
        await using var host = await ApiHost.StartAsync();

        var (_, body) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 12));

        Assert.Equal("noConditionsMet", (string?)body!["outcome"]);
        Assert.False((bool)body["show"]!);
        Assert.Null(body["message"]);
    }

    [Fact]
    public async Task Checkout_LaterHeartbeatsInTheSameVisit_GetNothing_AndTheNextVisitGetsItAgain()
    {
        await using var host = await ApiHost.StartAsync();
        await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31));

        // While the message is on screen the engine shows nothing else; once the window is closed,
        // once per visit is what holds it back.
        var (_, whileShown) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 36));
        await host.RecordOutcomeAsync("v-1", "checkout-help", "opened");
        await host.RecordOutcomeAsync("v-1", "checkout-help", "windowClosed");
        var (_, again) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 41));
        var (_, nextVisit) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31, visitId: "s-2"));

        Assert.Equal("anotherMessageShowing", (string?)whileShown!["outcome"]);
        Assert.False((bool)whileShown["show"]!);
        Assert.Equal("frequencyCapped", (string?)again!["outcome"]);
        Assert.False((bool)again["show"]!);
        Assert.Equal("show", (string?)nextVisit!["outcome"]);
    }

    [Fact]
    public async Task ProductPage_SecondPageView_ShowsTheBotWithItsAnswersFirstStep()
    {
        await using var host = await ApiHost.StartAsync();

        var (_, first) = await host.SendEventAsync(ApiHost.Event("v-1", "/products/desk-lamp", kind: "pageView", pageViews: 1));
        var (_, second) = await host.SendEventAsync(ApiHost.Event("v-1", "/products/desk-lamp", kind: "pageView", pageViews: 2));

        Assert.Equal("noConditionsMet", (string?)first!["outcome"]);
        var message = second!["message"]!;
        Assert.Equal("product-bot", (string?)message["id"]);
        Assert.Equal("bot", (string?)message["sender"]!["kind"]);
        Assert.Equal("Shop Bot", (string?)message["sender"]!["name"]);
        Assert.Equal("shop-bot", (string?)message["sender"]!["botId"]);
        Assert.Equal("product-help", (string?)message["botAnswer"]!["id"]);
        Assert.Equal("Hi! I can help with sizes, delivery and returns. What would you like to know?", (string?)message["botAnswer"]!["firstStep"]);
    }

    [Fact]
    public async Task Outcomes_AreRecordedAndShowInTheAdminListCounts()
    {
        await using var host = await ApiHost.StartAsync();
        await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31));

        var opened = await host.RecordOutcomeAsync("v-1", "checkout-help", "opened");
        var replied = await host.RecordOutcomeAsync("v-1", "checkout-help", "replied");
        await host.RecordOutcomeAsync("v-1", "checkout-help", "windowClosed");

        Assert.Equal("recorded", (string?)opened!["recording"]);
        Assert.Equal("recorded", (string?)replied!["recording"]);
        var item = await host.ItemAsync("checkout-help");
        Assert.Equal(1, (long)item["sent"]!);
        Assert.Equal(1, (long)item["opened"]!);
        Assert.Equal(1, (long)item["replied"]!);
    }

    [Fact]
    public async Task Dismissed_OncePerVisitMessage_DoesNotComeBackInTheVisit_AndDoesInTheNext()
    {
        await using var host = await ApiHost.StartAsync();
        await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31));
        await host.RecordOutcomeAsync("v-1", "checkout-help", "dismissed");

        var (_, sameVisit) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 40, kind: "pageView"));
        var (_, nextVisit) = await host.SendEventAsync(ApiHost.Event("v-1", "/checkout", 31, visitId: "s-2"));

        Assert.False((bool)sameVisit!["show"]!);
        Assert.Equal("show", (string?)nextVisit!["outcome"]);
    }

    [Fact]
    public async Task Event_WithInvalidFields_Is400ListingEveryProblemWithItsPath()
    {
        await using var host = await ApiHost.StartAsync();
        var visitorEvent = ApiHost.Event(new string('v', 129), "/checkout", -1);
        visitorEvent["url"] = "ftp://example.com/checkout";
        visitorEvent["kind"] = "scroll";
        visitorEvent["pageViews"] = -3;

        var (response, body) = await host.SendEventAsync(visitorEvent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, (int)body!["status"]!);
        var paths = body["problems"]!.AsArray().Select(p => (string?)p!["path"]).Order(StringComparer.Ordinal);
        Assert.Equal(["$.kind", "$.pageViews", "$.timeOnPageSeconds", "$.url", "$.visitorId"], paths);
    }

    [Theory]
    // Not well-formed: the reader's line and path.
    [InlineData("{\"channelId\": \"web\",\n\"visitorId\": v-1}", "json.syntax", "$.visitorId", 2)]
    [InlineData("{\"channelId\": \"web\",\n\n\"kind\": heartbeat}", "json.syntax", "$.kind", 3)]
    [InlineData("{\"channelId\": \"web\",\n\"kind\": \"heartbeat\",", "json.syntax", "$", 2)]
    // Well-formed, wrong type.
    [InlineData("{\"channelId\": \"web\",\n\"timeOnPageSeconds\": \"long\"}", "json.wrongType", "$.timeOnPageSeconds", 2)]
    [InlineData("null", "json.wrongType", "$", 1)]
    public async Task Event_MalformedJson_Is400NamingThePathAndLine(string json, string code, string path, int line)
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await ApiHost.ReadAsync(await host.Visitor.PostAsync("/api/visitor/events", ApiHost.Json(json), Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single(body!["problems"]!.AsArray())!;
        Assert.Equal(code, (string?)problem["code"]);
        Assert.Equal(path, (string?)problem["path"]);
        Assert.Contains($"line {line}", (string?)problem["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_LargerThan16KiB_Is413ProblemDetails()
    {
        await using var host = await ApiHost.StartAsync();
        var visitorEvent = ApiHost.Event("v-1", "/checkout");
        visitorEvent["title"] = new string('t', 16 * 1024);

        var (response, body) = await host.SendEventAsync(visitorEvent);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (int)body!["status"]!);
        Assert.Equal("request.tooLarge", (string?)body["problems"]![0]!["code"]);
    }

    [Fact]
    public async Task Outcome_UnknownValue_Is400WithItsPath()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await ApiHost.ReadAsync(await host.Visitor.PostAsJsonAsync(
            "/api/visitor/outcomes",
            new JsonObject { ["visitorId"] = "v-1", ["messageId"] = "checkout-help", ["outcome"] = "clicked" },
            Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$.outcome", (string?)body!["problems"]![0]!["path"]);
    }

    [Fact]
    public async Task VisitorRoutes_NeitherReadNorChangeTheCatalog()
    {
        await using var host = await ApiHost.StartAsync();

        // The visitor client has no key: every catalog route answers 401 with problem details.
        var list = await host.Visitor.GetAsync("/api/admin/messages", Token);
        var publish = await host.Visitor.PostAsJsonAsync("/api/admin/messages/winter-sale/publish", new JsonObject { ["version"] = 1 }, Token);
        var export = await host.Visitor.GetAsync("/api/admin/catalog", Token);
        // The visitor routes take posted events only; there is nothing to read.
        var readEvents = await host.Visitor.GetAsync("/api/visitor/events", Token);
        var (_, nothing) = await host.SendEventAsync(ApiHost.Event("v-1", "/", kind: "pageView"));

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        Assert.Equal("application/problem+json", list.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, readEvents.StatusCode);
        Assert.Equal(["message", "outcome", "show"], nothing!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("draft", (string?)(await host.ItemAsync("winter-sale"))["status"]);
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, _) = await host.SendEventAsync(ApiHost.Event("v-1", "/"));

        Assert.Equal("default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task UnknownApiRoute_Is404ProblemDetails()
    {
        await using var host = await ApiHost.StartAsync();

        var (response, body) = await ApiHost.ReadAsync(await host.Visitor.GetAsync("/api/visitor/catalog", Token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, (int)body!["status"]!);
    }

    [Fact]
    public async Task Health_WhenLoaded_IsHealthy()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.Visitor.GetAsync("/health", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Token));
    }
}
