using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner.Notebooks;

/// <summary>
/// Reads <c>.ipynb</c> files and rejects what the kernel could not run, with one clear message. The
/// kernel's own Documents package parses notebooks too, but it accepts what the runner must reject (a
/// cell without an id, a 'cells' that is not an array) and rewrites code cells' metadata when it writes
/// them back, so the runner keeps this reader and <see cref="NotebookWriter"/>.
/// </summary>
public static class NotebookReader
{
    private static readonly string[] KnownCellTypes = ["code", "markdown", "raw"];

    /// <summary>Kernels whose cells draw rather than compute (a diagram): the runner keeps them as they are, unexecuted.</summary>
    private static readonly string[] DisplayOnlyKernels = ["mermaid"];

    /// <summary>The kernels of Polyglot Notebooks and their aliases, each to its name in notebook metadata.</summary>
    private static readonly Dictionary<string, string> KernelNames = new(StringComparer.Ordinal)
    {
        ["csharp"] = NotebookCell.CSharpKernel,
        ["c#"] = NotebookCell.CSharpKernel,
        ["C#"] = NotebookCell.CSharpKernel,
        ["fsharp"] = "fsharp",
        ["f#"] = "fsharp",
        ["F#"] = "fsharp",
        ["pwsh"] = "pwsh",
        ["powershell"] = "pwsh",
        ["javascript"] = "javascript",
        ["js"] = "javascript",
        ["html"] = "html",
        ["mermaid"] = "mermaid",
        ["http"] = "http",
        ["sql"] = "sql",
        ["kql"] = "kql",
        ["markdown"] = "markdown",
        ["md"] = "markdown",
    };

    /// <summary>Reads and validates the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="NotebookException">The file is missing, is not JSON, or is not a C# notebook.</exception>
    public static NotebookDocument Load(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new NotebookException($"{path}: the file does not exist. Pass the path of an .ipynb file, e.g. notebooks/01-sequential-vs-concurrent.ipynb.");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(fullPath)) as JsonObject
                ?? throw new NotebookException($"{path}: the file is JSON but not a notebook object. An .ipynb file holds one JSON object with 'cells' and 'metadata'.");
        }
        catch (JsonException error)
        {
            throw new NotebookException($"{path}: the file is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {error.Message} Fix the file, or restore it from version control.", error);
        }

        var major = root["nbformat"]?.GetValueKind() == JsonValueKind.Number ? root["nbformat"]!.GetValue<int>() : 0;
        if (major != 4)
        {
            throw new NotebookException($"{path}: nbformat is {root["nbformat"]?.ToJsonString() ?? "missing"}, but the runner reads nbformat 4 notebooks.");
        }

        if (root["cells"] is not JsonArray cells)
        {
            throw new NotebookException($"{path}: the notebook has no 'cells' array.");
        }

        var defaultKernel = DefaultKernel(root);
        var listedKernels = (root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["items"] as JsonArray)?
            .Select(item => item?["name"]?.GetValue<string>() ?? "").ToHashSet() ?? [];
        return new NotebookDocument(fullPath, root, cells.Select((cell, index) => ReadCell(path, cell, index, defaultKernel, listedKernels)).ToList());
    }

    private static string DefaultKernel(JsonObject root) =>
        root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? NotebookCell.CSharpKernel;

    private static NotebookCell ReadCell(string path, JsonNode? node, int index, string defaultKernel, HashSet<string> listedKernels)
    {
        var where = $"{path}: cell {index + 1}";
        if (node is not JsonObject cell)
        {
            throw new NotebookException($"{where} is not a JSON object.");
        }

        var type = cell["cell_type"]?.GetValue<string>() ?? "";
        if (!KnownCellTypes.Contains(type))
        {
            throw new NotebookException($"{where} has cell_type '{type}'; expected code, markdown or raw.");
        }

        var id = cell["id"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new NotebookException($"{where} has no 'id'. nbformat 4.5 cells carry a stable id; exercises and solutions are matched by it.");
        }

        var source = cell["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>())),
            JsonValue text => text.GetValue<string>(),
            _ => "",
        };
        var tags = (cell["metadata"]?["tags"] as JsonArray)?.Select(tag => tag?.GetValue<string>() ?? "").ToList() ?? [];
        var kernel = type == "code" ? KernelOf(cell, source, defaultKernel) : "";
        if (DisplayOnlyKernels.Contains(kernel) && !listedKernels.Contains(kernel))
        {
            throw new NotebookException($"{where} (id '{id}') uses the kernel '{kernel}', which the notebook's metadata does not list: add {{\"aliases\": [], \"name\": \"{kernel}\"}} to polyglot_notebook.kernelInfo.items.");
        }

        return new NotebookCell(index, id, kernel == "markdown" ? "markdown" : type, kernel == "markdown" ? "" : kernel, source, tags, cell);
    }

    /// <summary>A first line <c>#!name</c> selects a kernel when it names one; otherwise it is a magic command such as <c>#!time</c>.</summary>
    private static string KernelOf(JsonObject cell, string source, string defaultKernel)
    {
        var firstLine = source.Split('\n', 2)[0].Trim();
        if (firstLine.StartsWith("#!", StringComparison.Ordinal) && KernelNames.TryGetValue(firstLine[2..], out var name))
        {
            return name;
        }

        return cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>() ?? defaultKernel;
    }
}
