using Spectre.Console;

namespace SiemActors.Node.Cli;

/// <summary>
/// Progress bars, spinners and summary tables for the CLI verbs, drawn on standard error so that standard
/// output stays for results scripts read. Without a terminal (CI, pipes) Spectre prints plain lines instead.
/// </summary>
public static class CliConsole
{
    public static readonly IAnsiConsole Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Runs <paramref name="work"/> with one progress bar of <paramref name="total"/> units.</summary>
    public static async Task<T> ProgressAsync<T>(string description, double total, Func<ProgressTask, Task<T>> work)
    {
        T result = default!;
        await Err.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                result = await work(task);
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> under a spinner whose text follows the reported stage.</summary>
    public static T Status<T>(string first, Func<Action<string>, T> work) =>
        Err.Status().Start(Markup.Escape(first), ctx =>
            work(stage =>
            {
                ctx.Status(Markup.Escape(stage));
                Err.MarkupLine("[grey]" + Markup.Escape(stage) + "[/]");
            }));

    public static void Summary(string title, IEnumerable<(string Name, string Value)> rows)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("what").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in rows) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Err.Write(table);
    }
}
