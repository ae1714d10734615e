namespace SiemActors.Conformance;

/// <summary>Agreement counts for one suite: verdicts (parsed or rejected as the source says) and asserted fields.</summary>
internal sealed class Tally(string suite)
{
    public string Suite { get; } = suite;
    public int Cases { get; private set; }
    public int VerdictsAgreed { get; private set; }
    public int Fields { get; private set; }
    public int FieldsAgreed { get; private set; }
    public int Unmapped { get; private set; }
    public int NotClaimed { get; set; }
    public List<string> Misses { get; } = [];

    public void Verdict(bool agreed, string line, string detail)
    {
        Cases++;
        if (agreed) VerdictsAgreed++;
        else Misses.Add($"verdict {detail}: {Short(line)}");
    }

    public void Field(string name, object? expected, object? actual, string line)
    {
        Fields++;
        if (Equals(Normalise(expected), Normalise(actual))) FieldsAgreed++;
        else Misses.Add($"field {name}: expected [{expected}] got [{actual}]: {Short(line)}");
    }

    public void NotMapped() => Unmapped++;

    public static double Percent(int part, int whole) => whole == 0 ? 100 : 100.0 * part / whole;

    public double VerdictPercent => Percent(VerdictsAgreed, Cases);
    public double FieldPercent => Percent(FieldsAgreed, Fields);

    private static object? Normalise(object? v) => v switch
    {
        null => null,
        string s when s.Length == 0 || s == "-" => null,
        string s => s.Trim(),
        int or long => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    private static string Short(string line) => line.Length > 140 ? line[..140] + "..." : line;
}
