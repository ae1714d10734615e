namespace SiemActors.Domain.Features;

/// <summary>Account names that carry administrative power on typical Linux hosts and appliances.</summary>
public static class PrivilegedUsers
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "root", "admin", "administrator", "sudo", "toor", "superuser", "sysadmin", "ubnt", "oracle", "postgres", "mysql",
    };

    public static bool IsPrivilegedName(string? userName) => userName is not null && Names.Contains(userName);
}
