using WidgetHost;

await using var app = WidgetHostApp.Create(args);
await app.StartAsync();
var settings = app.Services.GetRequiredService<WidgetHostSettings>();
foreach (var address in app.Urls)
{
    Console.WriteLine($"WidgetHost listening on {address}");
}

var first = app.Urls.First().TrimEnd('/');
Console.WriteLine($"Shop: {first}/");
Console.WriteLine($"Admin: {first}/admin");
if (settings.AdminKeyGenerated)
{
    Console.WriteLine($"Admin key: {settings.AdminKey}");
}

await app.WaitForShutdownAsync();
