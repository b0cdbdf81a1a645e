using ProactiveMessaging.Tool;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await ToolApp.RunAsync(args, ToolConsole.ForProcess(), cancellation.Token).ConfigureAwait(false);
