namespace SiemActors.Detection.Simulation.Attacks;

/// <summary>One instance of a scenario being written: its lines, each labelled with the instance.</summary>
public sealed class AttackRun(AttackLabel label, Random rng, ScenarioSettings settings, SimulatedPopulation population, AttackerAddresses addresses)
{
    private static readonly string[] SshHosts = ["bastion01", "build02", "app01", "app02", "db01"];
    private readonly List<SimulatedLine> _lines = [];

    public AttackLabel Label { get; private set; } = label;
    public Random Rng { get; } = rng;
    public ScenarioSettings Settings { get; } = settings;
    public SimulatedPopulation Population { get; } = population;
    public AttackerAddresses Addresses { get; } = addresses;
    public IReadOnlyList<SimulatedLine> Lines => _lines;

    /// <summary>Names the attacker's address and the targeted account in the labels of the lines written from now on.</summary>
    public void Identify(string? ip, string? user) => Label = Label with { Ip = ip, User = user };



    public string AnySshHost() => SshHosts[Rng.Next(SshHosts.Length)];

    public int Pid() => Rng.Next(1200, 65000);

    public int Port() => Rng.Next(32768, 61000);

    public void Ssh(DateTimeOffset t, string host, int pid, string message, int pri = LogLines.AuthInfo, bool benign = false) =>
        _lines.Add(new SimulatedLine(t, LogLines.Syslog(t, pri, host, pid, message), benign ? null : Label));

    public void Web(DateTimeOffset t, string ip, string method, string path, int status, long bytes, string referrer, string ua) =>
        _lines.Add(new SimulatedLine(t, LogLines.Access(ip, t, method, path, status, bytes, referrer, ua), Label));

    /// <summary>
    /// A successful interactive login with its session lines, as sshd and pam write them. <paramref name="benign"/>: the
    /// victim's own login inside a scenario, left unlabelled because it is not the attack.
    /// </summary>
    public void SshLogin(DateTimeOffset t, string host, string user, int uid, string ip, string method, TimeSpan session, bool benign = false)
    {
        var pid = Pid();
        var port = Port();
        Ssh(t, host, pid, $"Accepted {method} for {user} from {ip} port {port} ssh2", benign: benign);
        Ssh(t, host, pid, $"pam_unix(sshd:session): session opened for user {user}(uid={uid}) by (uid=0)", LogLines.AuthPrivInfo, benign);
        var end = t + session;
        Ssh(end, host, pid, $"Received disconnect from {ip} port {port}:11: disconnected by user", benign: benign);
        Ssh(end, host, pid, $"Disconnected from user {user} {ip} port {port}", benign: benign);
        Ssh(end, host, pid, $"pam_unix(sshd:session): session closed for user {user}", LogLines.AuthPrivInfo, benign);
    }

    /// <summary>Exponential gap with the given mean, in seconds (Poisson arrivals).</summary>
    public TimeSpan Gap(double meanSeconds) => TimeSpan.FromSeconds(-Math.Log(1 - Rng.NextDouble()) * meanSeconds);

    public T Pick<T>(IReadOnlyList<T> items) => items[Rng.Next(items.Count)];
}
