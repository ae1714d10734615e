using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace SiemActors.Node.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.</summary>
public static class DocsSetup
{
    public const string DocsPath = "/docs";

    public static IServiceCollection AddSiemOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SiemActors",
                    Version = "v1",
                    Description = "Log ingress and anomaly verdicts of a SiemActors cluster node. Errors are RFC 7807 problem JSON.",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(SnakeCaseSchemas.Transform);
        });

    public static WebApplication MapSiemDocs(this WebApplication app)
    {
        app.MapOpenApi();
        // Scalar serves its script from the package's embedded assets; the default fonts would come from its CDN, so
        // they are off: the page must work on a node with no way out.
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("SiemActors API")
            .DisableDefaultFonts());
        return app;
    }
}
