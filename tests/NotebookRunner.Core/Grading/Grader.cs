using System.Text.RegularExpressions;
using NotebookRunner.Hosting;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Grading;

/// <summary>
/// Grades a folder of learners' notebooks against the course's chapters (the runner's <c>grade</c>
/// command). The folder holds one subfolder per learner, named after them, with that learner's
/// <c>.ipynb</c> files in it. Each notebook is matched to its chapter by its cell ids; the learner's
/// exercise cells then run inside a copy of the teacher's chapter, so the setup and the checks are the
/// teacher's. Every notebook runs in its own child process, in its own temporary folder, with the cell
/// timeout; nothing is written next to the teacher's or the learners' files.
/// </summary>
public static partial class Grader
{
    /// <summary>The layout <see cref="GradeAsync"/> expects, for error messages and the help text.</summary>
    public const string Layout = "one subfolder per learner, named after the learner, holding that learner's .ipynb files (e.g. hand-ins/ada/07-channels.ipynb)";

    /// <summary>The learners of <paramref name="folder"/>, by name, each with their notebooks in name order.</summary>
    /// <exception cref="ArgumentException">The folder does not exist, holds notebooks directly, or has no learner's folder.</exception>
    public static IReadOnlyList<(string Learner, IReadOnlyList<string> Notebooks)> Learners(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"The hand-in folder '{folder}' does not exist. grade expects {Layout}.");
        }

        var loose = Directory.GetFiles(folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (loose.Count > 0)
        {
            throw new ArgumentException(
                $"The hand-in folder '{folder}' holds notebooks directly ({string.Join(", ", loose.Take(3))}{(loose.Count > 3 ? ", ..." : "")}). "
                + $"grade does not read files named by learner: it expects {Layout}. Move each learner's notebooks into a folder of their own.");
        }

        var learners = Directory.GetDirectories(folder)
            .Where(directory => !Path.GetFileName(directory).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(directory => (Path.GetFileName(directory), (IReadOnlyList<string>)[.. Directory.GetFiles(directory, "*.ipynb").Order(StringComparer.Ordinal)]))
            .ToList();
        return learners.Count > 0
            ? learners
            : throw new ArgumentException($"The hand-in folder '{folder}' has no learner's folder. grade expects {Layout}.");
    }

    /// <summary>Grades every learner's notebooks in <paramref name="handIns"/> against the chapters in <paramref name="chapters"/>.</summary>
    /// <param name="handIns">The learners' folder (see <see cref="Layout"/>).</param>
    /// <param name="chapters">The course's chapters, e.g. <c>notebooks</c>.</param>
    /// <param name="options">How each notebook runs: engine, cell timeout, environment.</param>
    /// <param name="parallel">How many notebooks run at once.</param>
    /// <exception cref="ArgumentException">A folder is missing or laid out otherwise, or there is no chapter with exercises.</exception>
    public static async Task<GradeBook> GradeAsync(string handIns, string chapters, RunOptions options, int parallel)
    {
        ArgumentNullException.ThrowIfNull(options);
        var learners = Learners(handIns);
        var course = LoadChapters(chapters);
        var scratch = Path.Combine(Path.GetTempPath(), "asynclab-grade-" + Guid.NewGuid().ToString("N"));
        try
        {
            var notes = new List<GradeNote>();
            var jobs = new List<(string Learner, NotebookDocument Chapter, NotebookDocument Notebook)>();
            var broken = new List<(string Learner, NotebookDocument Chapter, string Detail)>();
            for (var i = 0; i < learners.Count; i++)
            {
                var (learner, files) = learners[i];
                var folder = Path.Combine(scratch, Guid.NewGuid().ToString("N"));
                var taken = new Dictionary<NotebookDocument, string>();
                foreach (var file in files)
                {
                    var name = Path.GetFileName(file);
                    var copy = Path.Combine(folder, "handed-in", name);
                    Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                    File.Copy(file, copy);
                    NotebookDocument handedIn;
                    try
                    {
                        handedIn = NotebookReader.Load(copy);
                    }
                    catch (NotebookException error)
                    {
                        var reason = error.Message[(error.Message.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace(" Fix the file, or restore it from version control.", "", StringComparison.Ordinal).Trim();
                        var detail = $"{name} does not parse: {reason}";
                        notes.Add(new GradeNote(learner, detail));
                        if (course.FirstOrDefault(chapter => Path.GetFileName(chapter.Path) == name) is { } named && !taken.ContainsKey(named))
                        {
                            taken[named] = name;
                            broken.Add((learner, named, detail));
                        }

                        continue;
                    }

                    if (Match(handedIn, course) is not { } chapter)
                    {
                        notes.Add(new GradeNote(learner, $"{name} matches no chapter by its cell ids, so it was not graded."));
                        continue;
                    }

                    if (taken.TryGetValue(chapter, out var first))
                    {
                        notes.Add(new GradeNote(learner, $"{name} is {chapter.Name} again, which {first} already hands in: only {first} was graded."));
                        continue;
                    }

                    taken[chapter] = name;
                    var missing = chapter.Cells.Where(cell => cell.IsExercise && !handedIn.Cells.Any(mine => mine.Id == cell.Id && mine.CellType == "code")).Select(cell => cell.Id).ToList();
                    if (missing.Count > 0)
                    {
                        notes.Add(new GradeNote(learner, $"{name} has no code cell with the exercise id(s) {string.Join(", ", missing)}: the starter code ran in their place."));
                    }

                    jobs.Add((learner, chapter, Prepare(chapter, handedIn, Path.Combine(folder, "run"))));
                }
            }

            var runs = await NotebookBatch.RunAsync([.. jobs.Select(job => job.Notebook)], parallel, _ => options).ConfigureAwait(false);
            return GradeBook.Build(
                [.. learners.Select(learner => learner.Learner)],
                course,
                [.. jobs.Select((job, index) => (job.Learner, job.Chapter, runs[index]))],
                broken,
                notes);
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // A child that has not quite let go of a file; the temporary folder is the system's to clean.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }

    /// <summary>The code cell that shows each exercise's check: the first C# cell after it that is not an exercise.</summary>
    public static IEnumerable<NotebookCell> CheckCells(NotebookDocument chapter)
    {
        ArgumentNullException.ThrowIfNull(chapter);
        foreach (var exercise in chapter.Cells.Where(cell => cell.IsExercise))
        {
            if (chapter.Cells.Skip(exercise.Index + 1).FirstOrDefault(cell => cell.IsCSharp && !cell.IsExercise) is { } check)
            {
                yield return check;
            }
        }
    }

    private static List<NotebookDocument> LoadChapters(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"The chapters folder '{folder}' does not exist. Pass the course's notebooks folder with --chapters, e.g. --chapters notebooks.");
        }

        var chapters = Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).Select(NotebookReader.Load).Where(chapter => chapter.Cells.Any(cell => cell.IsExercise)).ToList();
        return chapters.Count > 0
            ? chapters
            : throw new ArgumentException($"The chapters folder '{folder}' has no notebook with an exercise cell (tagged '{NotebookCell.ExerciseTag}').");
    }

    /// <summary>The chapter that shares the most cell ids with <paramref name="handedIn"/>, at least one of them an exercise's.</summary>
    private static NotebookDocument? Match(NotebookDocument handedIn, IReadOnlyList<NotebookDocument> course)
    {
        var ids = handedIn.Cells.Select(cell => cell.Id).ToHashSet(StringComparer.Ordinal);
        return course
            .Where(chapter => chapter.Cells.Any(cell => cell.IsExercise && ids.Contains(cell.Id)))
            .OrderByDescending(chapter => chapter.Cells.Count(cell => ids.Contains(cell.Id)))
            .FirstOrDefault();
    }

    /// <summary>
    /// The teacher's chapter with the learner's exercise code in it, placed in <paramref name="folder"/> as it
    /// stands in the course: the chapter in a folder of the same name, and a copy of every folder its
    /// <c>#r "relative.dll"</c> lines load from (e.g. AsyncLab's build), so that no two runs share a file.
    /// </summary>
    private static NotebookDocument Prepare(NotebookDocument chapter, NotebookDocument handedIn, string folder)
    {
        var mine = handedIn.Cells.Where(cell => cell.CellType == "code").GroupBy(cell => cell.Id).ToDictionary(group => group.Key, group => group.First().Source, StringComparer.Ordinal);
        var cells = chapter.Cells.Select(cell => cell.IsExercise && mine.TryGetValue(cell.Id, out var source) ? cell with { Source = source } : cell).ToList();
        var home = Path.GetDirectoryName(chapter.Directory)!;
        var place = Path.Combine(folder, Path.GetFileName(chapter.Directory));
        Directory.CreateDirectory(place);
        foreach (var library in chapter.Cells.Where(cell => cell.IsCSharp).SelectMany(cell => Reference().Matches(cell.Source)).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            var source = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(chapter.Directory, library)))!;
            var relative = Path.GetRelativePath(home, source);
            if (Directory.Exists(source) && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                CopyFolder(source, Path.Combine(folder, relative));
            }
        }

        return chapter with { Path = Path.Combine(place, Path.GetFileName(chapter.Path)), Cells = cells };
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }

    [GeneratedRegex("""^\s*#r\s+"([^"]+\.dll)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex Reference();
}
