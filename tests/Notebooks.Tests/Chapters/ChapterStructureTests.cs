using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookRunner.Notebooks;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Chapters;

/// <summary>The shape every chapter keeps (curriculum.md, style.md, kernel.md "Files"), checked rather than remembered.</summary>
public sealed partial class ChapterStructureTests
{
    public static TheoryData<string> Chapters => [.. Repository.Chapters];

    public static TheoryData<string> AllNotebooks =>
        [.. Repository.Chapters, .. Directory.GetFiles(Path.Combine(Repository.Notebooks, "solutions"), "*.ipynb").Select(path => Path.Combine("solutions", Path.GetFileName(path)))];

    [Fact]
    public void TheCollection_StartsWithChapters00And01()
    {
        Assert.Equal(["00-start-here.ipynb", "01-sequential-vs-concurrent.ipynb"], Repository.Chapters.Take(2));
    }

    [Theory]
    [MemberData(nameof(AllNotebooks))]
    public void Notebook_HasTheKernelMetadata_AndNoCommittedOutputs(string file)
    {
        var json = ChapterFile.Json(Path.Combine(Repository.Notebooks, file));

        Assert.Equal(4, json["nbformat"]!.GetValue<int>());
        Assert.Equal(5, json["nbformat_minor"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(TestNotebook.ChapterMetadata(), json["metadata"]), $"{file}: notebook metadata differs from kernel.md");
        foreach (var cell in json["cells"]!.AsArray().Where(cell => cell!["cell_type"]!.GetValue<string>() == "code"))
        {
            var id = cell!["id"]!.GetValue<string>();
            Assert.True(cell["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>() == "csharp", $"{file}: cell '{id}' does not name the csharp kernel");
            Assert.True(cell["outputs"]!.AsArray().Count == 0, $"{file}: cell '{id}' has committed outputs");
            Assert.True(cell["execution_count"] is null, $"{file}: cell '{id}' has an execution count");
        }
    }

    [Theory]
    [MemberData(nameof(AllNotebooks))]
    public void Notebook_CellIds_AreUniqueAndKebabCase(string file)
    {
        var ids = NotebookReader.Load(Path.Combine(Repository.Notebooks, file)).Cells.Select(cell => cell.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(KebabCase(), id));
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_OpensWithTitleAndObjectives_ThenTheSetupCell(string file)
    {
        var chapter = ChapterFile.Load(file);

        Assert.Matches(FileNamePattern(), file);
        Assert.StartsWith($"# {chapter.Number:00} · ", chapter.Chapter.Cells[0].Source, StringComparison.Ordinal);
        Assert.Contains("## Learning objectives", chapter.Headings);
        var setup = chapter.Code.First();
        Assert.Equal("setup", setup.Id);
        Assert.Contains("#r \"../artifacts/bin/AsyncLab/debug/AsyncLab.dll\"", setup.Source, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(LabEnvironment.Describe());", setup.Source, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_HasNumberedSections_AndTheClosingParts(string file)
    {
        var headings = ChapterFile.Load(file).Headings.ToList();

        var numbers = headings.Select(heading => SectionNumber().Match(heading)).Where(match => match.Success).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(numbers);
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        foreach (var part in new[] { "## Coming from asyncio", "## Exercises", "## Summary and takeaways", "## Test yourself", "## Further reading" })
        {
            Assert.Contains(part, headings);
        }
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_EndsWithLinksToThePreviousAndNextChapters(string file)
    {
        var chapter = ChapterFile.Load(file);
        var navigation = chapter.Chapter.Cells[^1].Source;

        if (ChapterFile.Numbered(chapter.Number - 1) is { } previous)
        {
            Assert.Contains($"]({previous})", navigation, StringComparison.Ordinal);
        }

        if (ChapterFile.Numbered(chapter.Number + 1) is { } next)
        {
            Assert.Contains($"]({next})", navigation, StringComparison.Ordinal);
        }
        else if (chapter.Number == LastPlannedChapter)
        {
            // The last planned chapter ends the course: it links back to the start instead of naming a next chapter.
            Assert.True(navigation.Contains("](00-start-here.ipynb)", StringComparison.Ordinal) || navigation.Contains("](../README.md)", StringComparison.Ordinal), $"{file} ends the course, so its navigation links back to 00-start-here.ipynb or the README");
            Assert.DoesNotContain("Next: ", navigation, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"Next: {chapter.Number + 1:00} · ", navigation, StringComparison.Ordinal);
        }
    }

    /// <summary>The number of the course's last planned chapter (curriculum.md): 12 · Capstone.</summary>
    private const int LastPlannedChapter = 12;

    [Theory]
    [MemberData(nameof(AllNotebooks))]
    public void Notebook_RelativeLinks_PointAtFilesThatExist(string file)
    {
        var path = Path.Combine(Repository.Notebooks, file);
        var links = NotebookReader.Load(path).Cells.Where(cell => cell.CellType == "markdown")
            .SelectMany(cell => RelativeLink().Matches(cell.Source).Select(match => match.Groups[1].Value));

        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, link)), $"{file} links to {link}, which does not exist"));
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_EveryExercise_IsFollowedByACheck_AndHasASolution(string file)
    {
        var chapter = ChapterFile.Load(file);
        var code = chapter.Code.ToList();

        Assert.NotEmpty(chapter.Exercises);
        foreach (var exercise in chapter.Exercises)
        {
            var check = code[code.IndexOf(exercise) + 1];
            Assert.True(CheckCall().IsMatch(check.Source), $"{file}: the cell after exercise '{exercise.Id}' is not a check");
        }

        var solutions = NotebookReader.Load(chapter.SolutionPath);
        Assert.All(chapter.Exercises, exercise => Assert.Contains(solutions.Cells, cell => cell.Id == exercise.Id && cell.IsCSharp));
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void SolutionNotebook_RunsOnItsOwn_FromItsSetupCell(string file)
    {
        var solutions = NotebookReader.Load(ChapterFile.Load(file).SolutionPath);

        Assert.StartsWith("# Solutions · ", solutions.Cells[0].Source, StringComparison.Ordinal);
        Assert.Contains($"](../{file})", solutions.Cells[0].Source, StringComparison.Ordinal);
        var setup = solutions.Cells.First(cell => cell.CellType == "code");
        Assert.Equal("setup", setup.Id);
        Assert.Contains("#r \"../../artifacts/bin/AsyncLab/debug/AsyncLab.dll\"", setup.Source, StringComparison.Ordinal);
    }

    /// <summary>A check: <c>Exercise.CheckAsync(</c>, or a chapter's ready-made check such as <c>Chapter01Checks.CheckBreakfastAsync(</c>.</summary>
    [GeneratedRegex(@"Exercise\.CheckAsync\(|Chapter\d\dChecks\.Check\w+Async\(")]
    private static partial Regex CheckCall();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex(@"^## (\d+)\. ")]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"\]\(((?!https?:)[^)#\s]+)\)")]
    private static partial Regex RelativeLink();
}
