using System.Text.Json.Nodes;

namespace Notebooks.Tests.Support;

/// <summary>Writes small notebooks into a temporary folder for runner tests; deletes them when disposed.</summary>
internal sealed class TestNotebook : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("runner-test-");

    /// <summary>The temporary folder notebooks are written to.</summary>
    public string Folder => folder.FullName;

    /// <summary>The metadata every chapter carries (kernel.md, "Files").</summary>
    public static JsonObject ChapterMetadata() => (JsonObject)JsonNode.Parse("""
        {
          "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
          "language_info": {"name": "polyglot-notebook"},
          "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}
        }
        """)!;

    /// <summary>A C# code cell as it stands in a committed chapter.</summary>
    public static JsonObject Code(string id, string source, params string[] tags)
    {
        var metadata = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } };
        if (tags.Length > 0)
        {
            metadata["tags"] = new JsonArray([.. tags.Select(tag => JsonValue.Create(tag))]);
        }

        return new JsonObject { ["cell_type"] = "code", ["id"] = id, ["metadata"] = metadata, ["execution_count"] = null, ["outputs"] = new JsonArray(), ["source"] = source };
    }

    /// <summary>A markdown cell.</summary>
    public static JsonObject Markdown(string id, string source) =>
        new() { ["cell_type"] = "markdown", ["id"] = id, ["metadata"] = new JsonObject(), ["source"] = source };

    /// <summary>Writes a notebook of code cells with ids c0, c1, ...; returns its path.</summary>
    public string Write(string name, params string[] codeCells) =>
        Write(name, codeCells.Select((source, index) => Code($"c{index}", source)).ToArray());

    /// <summary>Writes a notebook of the given cells; returns its path.</summary>
    public string Write(string name, params JsonObject[] cells)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = ChapterMetadata(),
            ["cells"] = new JsonArray([.. cells]),
        };
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>Writes raw text as a file; returns its path.</summary>
    public string WriteText(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => folder.Delete(recursive: true);
}
