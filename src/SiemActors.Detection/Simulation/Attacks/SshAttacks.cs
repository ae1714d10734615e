namespace SiemActors.Detection.Simulation.Attacks;

/// <summary>Password guessing against one account, in connections of a few tries each, as hydra or a botnet does it.</summary>
public sealed class SshBruteForce(bool slow) : IAttackScenario
{
    public string Name => slow ? "ssh_brute_force_slow" : "ssh_brute_force";
    public string Description => slow
        ? "password guessing against root/admin at 1-4 tries a minute (stealth: slower), 20-60 tries"
        : "password guessing against root/admin at ~3 tries a second (stealth: 1 every 2 s), 30-150 tries";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        var user = run.Rng.NextDouble() < 0.7 ? "root" : "admin";
        run.Identify(ip, user);
        var s = run.Settings;
        var tries = (int)((slow ? run.Rng.Next(20, 61) : run.Rng.Next(30, 151)) * s.Duration);
        var meanGap = (slow ? 25.0 : 0.33) * (1 + s.Stealth * (slow ? 0.6 : 5)) / s.Rate;
        var host = "bastion01";
        var t = start;
        while (tries > 0)
        {
            var pid = run.Pid();
            var port = run.Port();
            var inConnection = Math.Min(tries, run.Rng.Next(1, 4));
            run.Ssh(t, host, pid, $"pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}  user={user}", LogLines.AuthPrivInfo);
            for (var i = 0; i < inConnection; i++)
            {
                run.Ssh(t, host, pid, $"Failed password for {user} from {ip} port {port} ssh2");
                t += run.Gap(meanGap);
            }
            run.Ssh(t, host, pid, $"Connection closed by authenticating user {user} {ip} port {port} [preauth]");
            tries -= inConnection;
        }
    }
}

/// <summary>One password tried against many real accounts, a try or two each.</summary>
public sealed class PasswordSpraying : IAttackScenario
{
    public string Name => "password_spraying";
    public string Description => "one password against 15-40 real accounts, one try each, every ~8 s (stealth: ~25 s)";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var s = run.Settings;
        var users = run.Population.Users.OrderBy(_ => run.Rng.Next()).Take((int)(run.Rng.Next(15, 41) * s.Duration)).ToList();
        var meanGap = 8.0 * (1 + s.Stealth * 2) / s.Rate;
        var t = start;
        foreach (var user in users)
        {
            var pid = run.Pid();
            var port = run.Port();
            run.Ssh(t, "bastion01", pid, $"pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}  user={user.Name}", LogLines.AuthPrivInfo);
            run.Ssh(t, "bastion01", pid, $"Failed password for {user.Name} from {ip} port {port} ssh2");
            run.Ssh(t + TimeSpan.FromSeconds(1), "bastion01", pid, $"Connection closed by authenticating user {user.Name} {ip} port {port} [preauth]");
            t += run.Gap(meanGap);
        }
    }
}

/// <summary>Probing which account names exist: logins for names that are not accounts here.</summary>
public sealed class UserEnumeration : IAttackScenario
{
    internal static readonly string[] Names =
    [
        "test", "guest", "oracle", "ftpuser", "pi", "ubnt", "support", "user1", "git", "hadoop", "postgres1", "nagios", "tomcat", "www",
        "webmaster", "demo", "ubuntu", "centos", "steam", "minecraft", "vagrant", "jenkins", "zabbix", "student", "info", "sales",
        "backup1", "ts3", "teamspeak", "odoo", "es", "elastic", "kafka", "redis", "mongo", "deployer", "dev", "test1", "user", "admin1",
    ];

    public string Name => "user_enumeration";
    public string Description => "logins for 20-40 account names that do not exist here, every ~3 s (stealth: ~15 s)";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var s = run.Settings;
        var count = (int)(run.Rng.Next(20, 41) * s.Duration);
        var meanGap = 3.0 * (1 + s.Stealth * 4) / s.Rate;
        var t = start;
        foreach (var name in Names.OrderBy(_ => run.Rng.Next()).Take(count))
        {
            var pid = run.Pid();
            var port = run.Port();
            run.Ssh(t, "bastion01", pid, $"Invalid user {name} from {ip} port {port}");
            run.Ssh(t, "bastion01", pid, $"input_userauth_request: invalid user {name} [preauth]");
            run.Ssh(t + TimeSpan.FromSeconds(1), "bastion01", pid, $"Connection closed by invalid user {name} {ip} port {port} [preauth]");
            t += run.Gap(meanGap);
        }
    }
}

/// <summary>Leaked username/password pairs tried once each; the last one works.</summary>
public sealed class CredentialStuffing : IAttackScenario
{
    public string Name => "credential_stuffing";
    public string Description => "20-60 leaked user/password pairs (half of the names exist here), one try each every ~5 s, then a successful login";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        var s = run.Settings;
        var pairs = (int)(run.Rng.Next(20, 61) * s.Duration);
        var meanGap = 5.0 * (1 + s.Stealth * 3) / s.Rate;
        var victim = run.Pick(run.Population.Users);
        run.Identify(ip, victim.Name);
        var t = start;
        for (var i = 0; i < pairs; i++)
        {
            var pid = run.Pid();
            var port = run.Port();
            if (run.Rng.NextDouble() < 0.5)
            {
                var name = run.Pick(UserEnumeration.Names) + run.Rng.Next(1, 99);
                run.Ssh(t, "bastion01", pid, $"Invalid user {name} from {ip} port {port}");
                run.Ssh(t, "bastion01", pid, $"Failed password for invalid user {name} from {ip} port {port} ssh2");
            }
            else
            {
                var user = run.Pick(run.Population.Users).Name;
                run.Ssh(t, "bastion01", pid, $"Failed password for {user} from {ip} port {port} ssh2");
            }
            t += run.Gap(meanGap);
        }
        run.SshLogin(t, "bastion01", victim.Name, 1000 + run.Rng.Next(1, 300), ip, "password", TimeSpan.FromMinutes(run.Rng.Next(2, 30)));
    }
}

/// <summary>
/// A stolen password used from the other side of the world minutes after the owner logged in from home. Detectable
/// by country only: with no GeoIP database (or the simulator's geo table) the two logins are just two addresses.
/// </summary>
public sealed class ImpossibleTravel : IAttackScenario
{
    public string Name => "impossible_travel";
    public string Description => "a user logs in from home, then 5-50 min later the same account logs in from a country > 5000 km away (needs GeoIP)";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var withHome = run.Population.Users.Where(u => u.Ips.Any(ip => !ip.StartsWith("10.", StringComparison.Ordinal))).ToList();
        var victim = withHome.Count > 0 ? run.Pick(withHome) : run.Pick(run.Population.Users);
        var home = victim.Ips.FirstOrDefault(ip => !ip.StartsWith("10.", StringComparison.Ordinal)) ?? victim.Ips[0];
        var homeCountry = TrafficSimulator.CountryOfNormalAddress(home);
        var (ip, _) = run.Addresses.FarFrom(homeCountry, 5000);
        run.Identify(ip, victim.Name);
        var uid = 1000 + run.Rng.Next(1, 300);
        var method = victim.PublicKeyOnly ? "publickey" : "password";
        run.SshLogin(start, victim.Host, victim.Name, uid, home, method, TimeSpan.FromMinutes(run.Rng.Next(2, 20)), benign: true);
        var later = start + TimeSpan.FromMinutes(5 + run.Rng.Next(0, 46) * (1 + run.Settings.Stealth));
        run.SshLogin(later, victim.Host, victim.Name, uid, ip, "password", TimeSpan.FromMinutes(run.Rng.Next(1, 30)));
    }
}

/// <summary>A privileged account used at night from an address and country it has never used.</summary>
public sealed class PrivilegedOffHours : IAttackScenario
{
    public string Name => "privileged_off_hours";
    public string Description => "root or admin logs in at night or at the weekend from a new public address in a new country (stealth: no failed try first)";
    public bool OffHours => true;

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        var user = run.Rng.NextDouble() < 0.5 ? "root" : "admin";
        run.Identify(ip, user);
        var t = start;
        if (run.Rng.NextDouble() >= run.Settings.Stealth)
        {
            var pid = run.Pid();
            run.Ssh(t, "bastion01", pid, $"Failed password for {user} from {ip} port {run.Port()} ssh2");
            t += TimeSpan.FromSeconds(run.Rng.Next(3, 20));
        }
        run.SshLogin(t, "bastion01", user, user == "root" ? 0 : 1000, ip, "password", TimeSpan.FromMinutes(run.Rng.Next(3, 40)));
    }
}
