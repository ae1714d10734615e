using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace SiemActors.Node.Dashboard;

/// <summary>
/// The operators' dashboard at <c>/</c>: static files from <c>wwwroot</c> (built from <c>web/</c> and committed, so
/// the node needs no npm and no CDN). The page reads the ordinary <c>/api/v1</c> endpoints, which keep their own
/// authorization; the page and its assets hold no data.
/// </summary>
public static class DashboardSetup
{
    /// <summary>Scripts, styles and data from this node only; no inline script, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication MapSiemDashboard(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("Dashboard files not found at {Root}: GET / is not served", root);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = Harden });
        return app;
    }

    private static void Harden(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        // Not fingerprinted: revalidate (cheap with the ETag) so a new build is picked up at once.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
    }
}
