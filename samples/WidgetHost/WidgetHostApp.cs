namespace WidgetHost;

/// <summary>Builds the sample web host: the library's services, the visitor and admin endpoints and the pages.</summary>
public static class WidgetHostApp
{
    /// <summary>The address the host listens on when none is configured: loopback, a free port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:0";

    /// <summary>Builds the application; <paramref name="configure"/> runs after the host's own registrations.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        return builder.Build();
    }
}
