using System.Text;
using NotebookRunner.Kernel;

namespace NotebookRunner.Scripting;

/// <summary>
/// Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> once per process, so that what a
/// cell writes, also from tasks it awaits, becomes that cell's <c>stdout</c> or <c>stderr</c> output.
/// Writes outside any cell are dropped.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static int installed;
    private readonly string stream;

    private ConsoleRouter(string stream) => this.stream = stream;

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Routes the console to the running cell; safe to call more than once.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            Console.SetOut(new ConsoleRouter("stdout"));
            Console.SetError(new ConsoleRouter("stderr"));
        }
    }

    public override void Write(char value) => CellOutputs.Current?.Write(stream, value.ToString());

    public override void Write(string? value) => CellOutputs.Current?.Write(stream, value ?? "");

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);
}
