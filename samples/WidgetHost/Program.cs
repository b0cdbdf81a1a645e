using WidgetHost;

await using var app = WidgetHostApp.Create(args);
await app.StartAsync();
foreach (var address in app.Urls)
{
    Console.WriteLine($"WidgetHost listening on {address}");
}

await app.WaitForShutdownAsync();
