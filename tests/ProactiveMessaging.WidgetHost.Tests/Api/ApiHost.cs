using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using WidgetHost;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

/// <summary>The sample host started in-process on a free loopback port, with clients for both sides of the API.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private ApiHost(WebApplication app)
    {
        App = app;
        var address = new Uri(app.Urls.First());
        Visitor = new HttpClient { BaseAddress = address };
        Admin = new HttpClient { BaseAddress = address };
        Admin.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
    }

    public WebApplication App { get; }

    /// <summary>Gets a client without the admin key, as a visitor's browser.</summary>
    public HttpClient Visitor { get; }

    /// <summary>Gets a client that sends the admin key.</summary>
    public HttpClient Admin { get; }

    public static Task<ApiHost> StartAsync(params string[] settings) => StartAsync(null, settings);

    public static async Task<ApiHost> StartAsync(Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        var app = WidgetHostApp.Create([$"--WidgetHost:AdminKey={AdminKey}", .. settings], configure);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ApiHost(app);
    }

    public static JsonObject Event(string visitorId, string path, double timeOnPage = 0, string kind = "heartbeat", string visitId = "s-1", int pageViews = 1) => new()
    {
        ["channelId"] = "web",
        ["visitorId"] = visitorId,
        ["visitId"] = visitId,
        ["pageViewId"] = $"p-{visitId}-{pageViews}",
        ["kind"] = kind,
        ["url"] = $"http://127.0.0.1:5000{path}",
        ["title"] = "Demo Shop",
        ["referrer"] = "",
        ["language"] = "en-GB",
        ["timeOnPageSeconds"] = timeOnPage,
        ["pageViews"] = pageViews,
        ["visits"] = 1,
        ["returning"] = false,
    };

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> SendEventAsync(JsonObject visitorEvent) =>
        await ReadAsync(await Visitor.PostAsJsonAsync("/api/visitor/events", visitorEvent, TestContext.Current.CancellationToken));

    public async Task<JsonNode?> RecordOutcomeAsync(string visitorId, string messageId, string outcome, string visitId = "s-1")
    {
        var (response, body) = await ReadAsync(await Visitor.PostAsJsonAsync(
            "/api/visitor/outcomes",
            new JsonObject { ["visitorId"] = visitorId, ["visitId"] = visitId, ["messageId"] = messageId, ["outcome"] = outcome },
            TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return body;
    }

    public async Task<JsonArray> ListAsync(string sort = "name", string direction = "ascending")
    {
        var (response, body) = await ReadAsync(await Admin.GetAsync($"/api/admin/messages?sort={sort}&direction={direction}", TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return body!["items"]!.AsArray();
    }

    public async Task<JsonNode> ItemAsync(string id) =>
        (await ListAsync()).Single(item => (string?)item!["id"] == id)!;

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> ActionAsync(string id, string action, long version) =>
        await ReadAsync(await Admin.PostAsJsonAsync($"/api/admin/messages/{id}/{action}", new JsonObject { ["version"] = version }, TestContext.Current.CancellationToken));

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Visitor.Dispose();
        Admin.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
