using NotebookRunner.Formatting;

namespace NotebookRunner.Kernel;

/// <summary>The handle <c>display(...)</c> returns: <see cref="Update"/> replaces that output in place.</summary>
public sealed class DisplayedValue
{
    private readonly CellOutputs? cell;
    private readonly int position;

    internal DisplayedValue(CellOutputs? cell, int position)
    {
        this.cell = cell;
        this.position = position;
    }

    /// <summary>Replaces the displayed value with <paramref name="updatedValue"/>.</summary>
    public void Update(object? updatedValue)
    {
        if (updatedValue is not null)
        {
            cell?.Update(position, ValueFormatter.Format(updatedValue));
        }
    }
}
