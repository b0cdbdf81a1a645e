using Microsoft.AspNetCore.Diagnostics;
using WidgetHost.Api;

namespace WidgetHost;

/// <summary>Builds the sample web host: the library's services, the visitor and admin endpoints and the pages.</summary>
public static class WidgetHostApp
{
    /// <summary>The address the host listens on when none is configured: loopback, a free port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:0";

    /// <summary>
    /// The pages' policy: scripts, styles and everything else from this origin only (the pages have no
    /// inline script or style), images also as data URLs, and no framing by any other site.
    /// </summary>
    internal const string ContentSecurityPolicy = "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Builds the application; <paramref name="configure"/> runs after the host's own registrations.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The pages and the seed catalog are copied beside the assembly, so the host finds them
        // whatever the working directory (dotnet run, the built dll, a test runner).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var settings = WidgetHostSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);

        // Registered before the Live set loader; it imports in StartingAsync, before any StartAsync.
        builder.Services.AddHostedService<SeedCatalog>();
        var messaging = builder.Services.AddProactiveMessaging();
        if (settings.Redis is { } redis)
        {
            messaging.UseRedis(options =>
            {
                options.Configuration = redis;
                options.KeyPrefix = settings.RedisKeyPrefix;
            });
        }

        messaging.AddHostedLiveSets(new DemoShopWorkspaces());
        builder.Services.AddSingleton<VisitorContexts>();
        builder.Services.AddHealthChecks().AddProactiveMessaging();
        builder.Services.AddProblemDetails();

        configure?.Invoke(builder);
        var app = builder.Build();

        // Anything unexpected is a 500 problem details without internals; the log has the exception.
        app.UseExceptionHandler(errors => errors.Run(context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var status = failure is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            return ApiProblems.Create(status, status == 500 ? "Unexpected error" : "Bad request", "The request could not be handled.").ExecuteAsync(context);
        }));
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return next(context);
        });
        app.UseStaticFiles();

        VisitorEndpoints.Map(app);
        AdminEndpoints.Map(app);
        app.MapHealthChecks("/health");
        // An API client gets problem details for a route that does not exist, like every other error.
        app.MapFallback("/api/{**path}", static () => ApiProblems.NotFound("There is no such API route."));
        MapPage(app, "/", "shop.html");
        MapPage(app, "/products/{slug}", "shop.html");
        MapPage(app, "/cart", "shop.html");
        MapPage(app, "/checkout", "shop.html");
        MapPage(app, "/admin", "admin/index.html");
        MapPage(app, "/admin/messages/{id}", "admin/message.html");
        return app;
    }

    private static void MapPage(WebApplication app, string route, string file) =>
        app.MapGet(route, (IWebHostEnvironment environment) =>
        {
            var page = environment.WebRootFileProvider.GetFileInfo(file);
            return page.Exists && page.PhysicalPath is { } path
                ? Results.File(path, "text/html; charset=utf-8")
                : ApiProblems.NotFound($"The page {file} is not there.");
        });
}
