using SiemActors.Node.Cli;
using SiemActors.Node.Security;
using Xunit;

namespace SiemActors.Node.Tests.Security;

/// <summary><c>siem apikey</c> and the key store: only hashes are configured, and a presented key finds its name and scopes.</summary>
public sealed class ApiKeySpec
{
    [Fact]
    public void The_command_prints_the_key_once_and_configuration_holding_only_its_hash()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, ApiKeyCommand.Run("shipper", ["ingest,read"], stdout, TextWriter.Null));
        var text = stdout.ToString();
        var key = text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("siem_", StringComparison.Ordinal));
        var hash = ApiKeyStore.HashHex(key);
        Assert.Contains($"Siem__Auth__ApiKeys__shipper__Hash={hash}", text);
        Assert.Contains("Siem__Auth__ApiKeys__shipper__Scopes__1=read", text);
        Assert.Equal(1, text.Split(key).Length - 1);

        var store = new ApiKeyStore(new AuthOptions { ApiKeys = { ["shipper"] = new ApiKeyEntry { Hash = hash, Scopes = ["ingest", "read"] } } });
        Assert.Equal("shipper", store.Find(key)?.Name);
        Assert.Null(store.Find(key + "x"));
        Assert.Null(store.Find(""));
    }

    [Fact]
    public void Bad_names_scopes_and_hashes_are_refused_with_the_setting_named()
    {
        Assert.Equal(2, ApiKeyCommand.Run("no spaces", ["read"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, ApiKeyCommand.Run("ok", ["root"], TextWriter.Null, TextWriter.Null));
        var badHash = Assert.Throws<InvalidOperationException>(() =>
            new ApiKeyStore(new AuthOptions { ApiKeys = { ["x"] = new ApiKeyEntry { Hash = "plaintext-key", Scopes = ["read"] } } }));
        Assert.Contains("Siem:Auth:ApiKeys:x:Hash", badHash.Message);
        var badScope = Assert.Throws<InvalidOperationException>(() =>
            new ApiKeyStore(new AuthOptions { ApiKeys = { ["x"] = new ApiKeyEntry { Hash = new string('0', 64), Scopes = ["root"] } } }));
        Assert.Contains("root", badScope.Message);
    }
}
