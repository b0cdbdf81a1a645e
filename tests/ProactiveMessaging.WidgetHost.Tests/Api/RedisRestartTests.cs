using System.Net;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

public sealed class RedisRestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_OnRedis_KeepsTheCatalogStatusesAndTheCounts()
    {
        var redis = TestRedis.Address();
        // A prefix of its own, so that this test never meets another run's keys on the shared server.
        var prefix = $"pm:widget-test:{Guid.NewGuid():N}:";
        string[] settings = [$"--WidgetHost:Redis={redis}", $"--WidgetHost:RedisKeyPrefix={prefix}"];
        try
        {
            await using (var first = await ApiHost.StartAsync(settings))
            {
                var (published, _) = await first.ActionAsync("winter-sale", "publish", 1);
                Assert.Equal(HttpStatusCode.OK, published.StatusCode);
                var (_, shown) = await first.SendEventAsync(ApiHost.Event("v-redis", "/checkout", 31));
                Assert.Equal("show", (string?)shown!["outcome"]);
                await first.RecordOutcomeAsync("v-redis", "checkout-help", "opened");
            }

            await using var second = await ApiHost.StartAsync(settings);
            var items = await second.ListAsync();

            Assert.Equal(9, items.Count);
            var byId = items.ToDictionary(i => (string)i!["id"]!, i => i!);
            Assert.Equal("live", (string?)byId["winter-sale"]["status"]);
            Assert.Equal(2, (long)byId["winter-sale"]["version"]!);
            Assert.Equal("live", (string?)byId["checkout-help"]["status"]);
            Assert.Equal("paused", (string?)byId["homepage-welcome"]["status"]);
            Assert.Equal(1, (long)byId["checkout-help"]["sent"]!);
            Assert.Equal(1, (long)byId["checkout-help"]["opened"]!);
            // The frequency state survived too: once per visit still holds for that visit.
            await second.RecordOutcomeAsync("v-redis", "checkout-help", "windowClosed");
            var (_, again) = await second.SendEventAsync(ApiHost.Event("v-redis", "/checkout", 45));
            Assert.Equal("frequencyCapped", (string?)again!["outcome"]);
        }
        finally
        {
            await TestRedis.DeleteKeysAsync(redis, prefix);
        }
    }
}
