using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Serialization;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Actors.Tests.Serialization;

/// <summary>The binary entity snapshots: lossless against the JSON form they replace, which still reads.</summary>
public sealed class SnapshotCodecSpec() : SiemTestKit(PersistenceConfig.Sqlite(":memory:"))
{
    private static IpEntitySnapshot BusyIp()
    {
        var ip = new IpBehaviour();
        for (var i = 0; i < 300; i++)
        {
            var at = TestEvents.T0.AddSeconds(i * 13);
            ip.Observe(i % 3 == 0
                ? TestEvents.FailedLogin("45.142.212.61", $"user{i % 20}", at)
                : TestEvents.WebRequest("45.142.212.61", $"/p/{i % 37}?q={i}", i % 11 == 0 ? 404 : 200, at) with { UserAgent = $"agent-{i % 5}" },
                FeatureNames.NewVector());
        }
        return new IpEntitySnapshot(0, ip.ToSnapshot());
    }

    private static UserEntitySnapshot BusyUser()
    {
        var user = new UserBehaviour();
        for (var i = 0; i < 120; i++)
        {
            var at = TestEvents.T0.AddMinutes(i * 47);
            var ev = i % 4 == 0 ? TestEvents.FailedLogin($"10.0.0.{i % 9}", "alice", at) : TestEvents.Login($"10.0.0.{i % 9}", "alice", at);
            user.Observe(ev with { SourceCountry = i % 10 == 0 ? "NL" : "DE" }, FeatureNames.NewVector());
        }
        return new UserEntitySnapshot(0, user.ToSnapshot());
    }

    private static string Json(object state) => JsonSerializer.Serialize(state, state.GetType());

    private (byte[] Bytes, object Back) RoundTrip(object snapshot)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(snapshot);
        var bytes = serializer.ToBinary(snapshot);
        Assert.EndsWith(".b1", serializer.Manifest(snapshot));
        return (bytes, serializer.FromBinary(bytes, serializer.Manifest(snapshot)));
    }

    [Fact]
    public void A_busy_ip_snapshot_round_trips_field_for_field_and_smaller_than_json()
    {
        var snapshot = BusyIp();
        Assert.NotNull(snapshot.State.Users);
        Assert.NotNull(snapshot.State.Paths);
        Assert.NotNull(snapshot.State.UserAgents);

        var (bytes, back) = RoundTrip(snapshot);

        Assert.Equal(Json(snapshot.State), Json(((IpEntitySnapshot)back).State));
        Assert.True(bytes.Length < Json(snapshot.State).Length / 2, $"{bytes.Length} binary bytes against {Json(snapshot.State).Length} JSON");
    }

    [Fact]
    public void Snapshots_written_one_after_another_on_a_thread_each_keep_their_own_bytes()
    {
        // The writer's buffer is reused between snapshots: an earlier payload must not change when a later one is written.
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(BusyIp());
        var small = new IpEntitySnapshot(0, new IpBehaviour().ToSnapshot());
        var first = serializer.ToBinary(BusyIp());
        var copy = first.ToArray();
        var second = serializer.ToBinary(small);
        var third = serializer.ToBinary(BusyUser());

        Assert.Equal(copy, first);
        Assert.True(second.Length < first.Length);
        Assert.Equal(Json(small.State), Json(((IpEntitySnapshot)serializer.FromBinary(second, serializer.Manifest(small))).State));
        Assert.Equal(Json(BusyUser().State), Json(((UserEntitySnapshot)serializer.FromBinary(third, serializer.Manifest(BusyUser()))).State));
    }

    [Fact]
    public void User_snapshots_round_trip_with_and_without_login_hours()
    {
        var busy = BusyUser();
        var fresh = new UserEntitySnapshot(4, busy.State with { LoginHours = null, LastSuccessIp = null, KnownIps = null });
        Assert.NotNull(busy.State.LoginHours);

        foreach (var snapshot in new[] { busy, fresh })
        {
            var back = (UserEntitySnapshot)RoundTrip(snapshot).Back;
            Assert.Equal(Json(snapshot.State), Json(back.State));
            Assert.Equal(snapshot.Generation, back.Generation);
        }
    }

    [Fact]
    public void Snapshots_stored_as_json_before_the_binary_form_still_restore()
    {
        var ip = BusyIp();
        var user = BusyUser();
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(ip);

        var ipBack = (IpEntitySnapshot)serializer.FromBinary(JsonSerializer.SerializeToUtf8Bytes(ip), "ip-entity-snapshot");
        var userBack = (UserEntitySnapshot)serializer.FromBinary(JsonSerializer.SerializeToUtf8Bytes(user), "user-entity-snapshot");

        Assert.Equal(Json(ip.State), Json(ipBack.State));
        Assert.Equal(Json(user.State), Json(userBack.State));
    }

    [Fact]
    public void Truncated_or_corrupted_snapshots_fail_as_serialization_errors_only()
    {
        var snapshot = BusyIp();
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(snapshot);
        var bytes = serializer.ToBinary(snapshot);
        var manifest = serializer.Manifest(snapshot);

        for (var length = 0; length < bytes.Length; length += 7)
            Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..length], manifest));
        var random = new Random(11);
        for (var round = 0; round < 1_000; round++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            try
            {
                serializer.FromBinary(corrupt, manifest);
            }
            catch (SerializationException)
            {
                // the only acceptable failure
            }
        }
    }
}
