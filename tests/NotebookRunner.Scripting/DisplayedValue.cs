using NotebookRunner.Kernel;

namespace NotebookRunner.Scripting;

/// <summary>
/// The handle <c>display(...)</c> returns. As in the real kernel, it is not the displayed output itself:
/// its first <see cref="Update"/> adds an output of its own, and each later update replaces that one in
/// place (CONTRIBUTING.md, "Live updates").
/// </summary>
public sealed class DisplayedValue
{
    private readonly CellOutputs? cell;
    private int position = -1;

    internal DisplayedValue(CellOutputs? cell) => this.cell = cell;

    /// <summary>Shows <paramref name="updatedValue"/> in the handle's own output: added by the first update, replaced by later ones.</summary>
    public void Update(object? updatedValue)
    {
        if (cell is null || updatedValue is null)
        {
            return;
        }

        var formatted = ValueFormatter.Format(updatedValue);
        if (position < 0)
        {
            position = cell.Display(formatted);
        }
        else
        {
            cell.Update(position, formatted);
        }
    }
}
