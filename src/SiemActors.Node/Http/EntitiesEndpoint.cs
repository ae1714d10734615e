using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Hosting;

namespace SiemActors.Node.Http;

/// <summary><c>GET /api/v1/entities/{ip|user}/{key}</c>: the behavioural profile of one entity, wherever in the cluster it lives.</summary>
public static class EntitiesEndpoint
{
    public static async Task<IResult> Handle(string kind, string key, HttpContext context,
        IRequiredActor<IpRegion> ips, IRequiredActor<UserRegion> users)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 512) return Problems.BadRequest("the entity key must be 1 to 512 characters");
        var timeout = TimeSpan.FromSeconds(10);
        switch (kind)
        {
            case "ip":
                var ipProfile = await (await ips.GetAsync(context.RequestAborted)).Ask<IpProfile>(new GetIpProfile(key), timeout, context.RequestAborted);
                return ipProfile.TotalEvents == 0
                    ? Problems.NotFound($"no events seen from ip '{key}'")
                    : Results.Json(ipProfile, NodeJson.Options);
            case "user":
                var userProfile = await (await users.GetAsync(context.RequestAborted)).Ask<UserProfile>(new GetUserProfile(key), timeout, context.RequestAborted);
                return userProfile.LastSeen is null
                    ? Problems.NotFound($"no events seen for user '{key}'")
                    : Results.Json(userProfile, NodeJson.Options);
            default:
                return Problems.BadRequest($"unknown entity kind '{kind}': expected 'ip' or 'user'");
        }
    }
}
