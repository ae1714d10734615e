using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using SiemActors.Actors.Hosting;
using SiemActors.Node.Hosting;
using SiemActors.Node.Http;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests;

/// <summary>deploy/ cannot run here (no Docker engine): check it agrees with the code it deploys.</summary>
[Collection(NodeCollection.Name)]
public sealed partial class DeployConsistencySpec(SharedNode shared)
{
    private static readonly string Deploy = Path.Combine(RepoPaths.Root, "deploy");

    private static IEnumerable<string> DeployFiles() =>
        Directory.EnumerateFiles(Deploy, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal));

    [Fact]
    public void Every_Siem_variable_in_deploy_is_a_real_configuration_key()
    {
        var names = DeployFiles().SelectMany(f => SiemVariable().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Name: m.Value)))
            .Distinct().ToList();
        Assert.True(names.Count >= 10, $"expected the deploy files to configure the node, found {names.Count} variables");
        var unknown = names.Where(n => !IsConfigurationKey(n.Name)).ToList();
        Assert.True(unknown.Count == 0, "not configuration keys: " + string.Join(", ", unknown.Select(u => $"{u.Name} ({u.File})")));
    }

    [Fact]
    public void The_checker_itself_refuses_a_misspelt_key()
    {
        Assert.True(IsConfigurationKey("Siem__Cluster__SeedNodes__0"));
        Assert.False(IsConfigurationKey("Siem__Cluster__SeedNode__0"));
        Assert.False(IsConfigurationKey("Siem__Persistance__Provider"));
        Assert.True(IsConfigurationKey("Siem__Auth__ApiKeys__shipper__Scopes__0"));
        Assert.False(IsConfigurationKey("Siem__Auth__ApiKeys__shipper__Hashes"));
    }

    [Fact]
    public async Task Ports_and_probe_paths_match_the_node()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        Assert.Contains($"EXPOSE {new Uri(NodeHost.DefaultUrl).Port} {new ClusterSettings().Port} {new ClusterSettings().ManagementPort}", dockerfile);
        var statefulSet = File.ReadAllText(Path.Combine(Deploy, "k8s", "statefulset.yaml"));
        foreach (var path in ProbePath().Matches(statefulSet).Select(m => m.Groups[1].Value).Append("/healthz/live"))
        {
            using var response = await shared.Node.Http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        }
        Assert.Contains("/healthz/ready", statefulSet);
    }

    /// <summary>Walks Siem__A__B__0 down SiemOptions (and the Limits section) the way configuration binding does.</summary>
    private static bool IsConfigurationKey(string variable)
    {
        var segments = variable.Split("__");
        if (segments[0] != "Siem") return false;
        // Sections bound to their own options classes, the rest to SiemOptions.
        var (type, first) = segments.Length > 1 ? segments[1] switch
        {
            "Limits" => (typeof(HttpLimits), 2),
            "Auth" => (typeof(SiemActors.Node.Security.AuthOptions), 2),
            _ => (typeof(SiemOptions), 1),
        } : (typeof(SiemOptions), 1);
        for (var i = first; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                type = type.GetGenericArguments()[1];
                continue;
            }
            if (int.TryParse(segment, out _) && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string))
            {
                type = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
                continue;
            }
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite) return false;
            type = property.PropertyType;
        }
        return true;
    }

    [GeneratedRegex(@"Siem__[A-Za-z0-9_]+")]
    private static partial Regex SiemVariable();

    [GeneratedRegex(@"path: (/healthz/\w+)")]
    private static partial Regex ProbePath();
}
