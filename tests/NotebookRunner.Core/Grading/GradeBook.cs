using System.Text;
using NotebookRunner.Hosting;
using NotebookRunner.Kernel;
using NotebookRunner.Notebooks;
using NotebookRunner.Site;

namespace NotebookRunner.Grading;

/// <summary>The grading report: every learner's result for every check of the chapters handed in, and notes on their files.</summary>
/// <param name="Learners">The learners, in name order.</param>
/// <param name="Columns">The checks of every chapter anyone handed in, in course order.</param>
/// <param name="Grades">One grade per learner and column.</param>
/// <param name="Notes">What else happened to a learner's files.</param>
public sealed record GradeBook(IReadOnlyList<string> Learners, IReadOnlyList<GradeColumn> Columns, IReadOnlyList<Grade> Grades, IReadOnlyList<GradeNote> Notes)
{
    /// <summary>The name of the CSV file <see cref="Write"/> writes.</summary>
    public const string CsvFile = "grades.csv";

    /// <summary>The name of the HTML report <see cref="Write"/> writes.</summary>
    public const string HtmlFile = "grades.html";

    /// <summary>The grade of <paramref name="learner"/> for the check whose cell is <paramref name="cellId"/> in <paramref name="chapter"/>.</summary>
    public Grade For(string learner, string chapter, string cellId) =>
        Grades.Single(grade => grade.Learner == learner && grade.Column.Chapter == chapter && grade.Column.CellId == cellId);

    /// <summary>Writes <see cref="CsvFile"/> and <see cref="HtmlFile"/> into <paramref name="directory"/>, creating it.</summary>
    public void Write(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, CsvFile), ToCsv());
        File.WriteAllText(Path.Combine(directory, HtmlFile), ToHtml());
    }

    /// <summary>One line per grade (learner, chapter, check, result, detail), learner by learner, then one per note (result "note").</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("learner,chapter,check,result,detail\n");
        foreach (var grade in Learners.SelectMany(learner => Columns.Select(column => For(learner, column.Chapter, column.CellId))))
        {
            csv.AppendJoin(',', new[] { grade.Learner, grade.Column.Chapter, grade.Column.Title, Name(grade.Status), grade.Detail }.Select(Field)).Append('\n');
        }

        foreach (var note in Notes)
        {
            csv.AppendJoin(',', new[] { note.Learner, "", "", "note", note.Text }.Select(Field)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A page with a table of learners × checks, each result coloured, and the notes below it.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Grades</title>\n<style>\n")
            .Append("body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #1f2328; }\n")
            .Append("table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: .3rem .6rem; text-align: left; vertical-align: top; }\n")
            .Append("td.passed { background: #dafbe1; } td.not-yet { background: #fff8c5; } td.error { background: #ffebe9; } td.timed-out { background: #ffd8b5; } td.missing { color: #59636e; }\n")
            .Append("small { display: block; color: #59636e; max-width: 18rem; }\n</style>\n</head>\n<body>\n<h1>Grades</h1>\n");
        html.Append("<table class=\"grades\">\n<thead><tr><th rowspan=\"2\">Learner</th>");
        foreach (var chapter in Columns.GroupBy(column => column.Chapter))
        {
            html.Append("<th colspan=\"").Append(chapter.Count()).Append("\">").Append(Encode(chapter.Key)).Append("</th>");
        }

        html.Append("</tr>\n<tr>");
        foreach (var column in Columns)
        {
            html.Append("<th>").Append(Encode(column.Title)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var learner in Learners)
        {
            html.Append("<tr><th>").Append(Encode(learner)).Append("</th>");
            foreach (var column in Columns)
            {
                var grade = For(learner, column.Chapter, column.CellId);
                var name = Name(grade.Status);
                html.Append("<td class=\"").Append(name.Replace(' ', '-')).Append("\">").Append(name);
                if (grade.Detail.Length > 0)
                {
                    html.Append("<small>").Append(Encode(grade.Detail)).Append("</small>");
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2>\n<ul>\n");
            foreach (var note in Notes)
            {
                html.Append("<li><strong>").Append(Encode(note.Learner)).Append("</strong>: ").Append(Encode(note.Text)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The report's word for a status: passed, not yet, error, timed out or missing.</summary>
    public static string Name(GradeStatus status) => status switch
    {
        GradeStatus.Passed => "passed",
        GradeStatus.NotYet => "not yet",
        GradeStatus.Error => "error",
        GradeStatus.TimedOut => "timed out",
        _ => "missing",
    };

    /// <summary>Grades each learner on every check of each chapter that at least one learner handed in.</summary>
    internal static GradeBook Build(
        IReadOnlyList<string> learners,
        IReadOnlyList<NotebookDocument> course,
        IReadOnlyList<(string Learner, NotebookDocument Chapter, NotebookRun Run)> runs,
        IReadOnlyList<(string Learner, NotebookDocument Chapter, string Detail)> broken,
        IReadOnlyList<GradeNote> notes)
    {
        var handedIn = runs.Select(run => run.Chapter).Concat(broken.Select(file => file.Chapter)).ToHashSet();
        var grades = new List<Grade>();
        var columns = new List<GradeColumn>();
        foreach (var chapter in course.Where(handedIn.Contains))
        {
            foreach (var cell in Grader.CheckCells(chapter))
            {
                var title = runs.Where(run => run.Chapter == chapter).SelectMany(run => run.Run.Results[cell.Index].Checks).Select(check => check.Title).FirstOrDefault() ?? cell.Id;
                var column = new GradeColumn(chapter.Name, cell.Id, title);
                columns.Add(column);
                foreach (var learner in learners)
                {
                    var run = runs.FirstOrDefault(run => run.Learner == learner && run.Chapter == chapter).Run;
                    var file = broken.FirstOrDefault(file => file.Learner == learner && file.Chapter == chapter).Detail;
                    grades.Add(run is not null ? Judge(learner, column, run, cell)
                        : file is not null ? new Grade(learner, column, GradeStatus.Error, file)
                        : new Grade(learner, column, GradeStatus.Missing, ""));
                }
            }
        }

        return new GradeBook(learners, columns, grades, notes);
    }

    private static Grade Judge(string learner, GradeColumn column, NotebookRun run, NotebookCell cell)
    {
        var result = run.Results[cell.Index];
        switch (result.Status)
        {
            case CellStatus.Ok when result.Checks.Count > 0:
                return new Grade(learner, column, result.Checks.All(check => check.Passed) ? GradeStatus.Passed : GradeStatus.NotYet, "");
            case CellStatus.Ok:
                return new Grade(learner, column, GradeStatus.Error, "The check cell ran but showed no verdict.");
            case CellStatus.TimedOut:
                return new Grade(learner, column, GradeStatus.TimedOut, $"The check ran past the cell timeout: {ErrorOf(result)}");
            case CellStatus.Failed:
                return new Grade(learner, column, GradeStatus.Error, $"The check cell failed: {ErrorOf(result)}");
        }

        // Not run: an earlier cell hung or ended the process, or the runner could not follow it, and the notebook was stopped there.
        var stop = run.Notebook.Cells.FirstOrDefault(earlier => earlier.Index < cell.Index && run.Results[earlier.Index].Status == CellStatus.TimedOut)
            ?? run.Notebook.Cells.FirstOrDefault(earlier => earlier.Index < cell.Index && run.Results[earlier.Index].Status == CellStatus.Failed
                && run.Results[earlier.Index].Outputs.Any(output => output["ename"]?.GetValue<string>() is "ProcessExited" or "RunnerError"));
        return stop is null
            ? new Grade(learner, column, GradeStatus.Error, "The check cell did not run.")
            : run.Results[stop.Index].Status == CellStatus.TimedOut
                ? new Grade(learner, column, GradeStatus.TimedOut, $"Cell {stop.Index + 1} ({stop.Id}) ran past the cell timeout, so the notebook was stopped there.")
                : new Grade(learner, column, GradeStatus.Error, $"Cell {stop.Index + 1} ({stop.Id}) stopped the notebook: {ErrorOf(run.Results[stop.Index])}");
    }

    private static string ErrorOf(CellResult result) =>
        result.Outputs.LastOrDefault(output => output["output_type"]?.GetValue<string>() == "error")?["evalue"]?.GetValue<string>()?.Split('\n')[0].Trim() ?? "no error message";

    private static string Encode(string text) => HtmlText.Encode(text);

    /// <summary>A CSV field: quoted when needed, and never read as a formula by a spreadsheet.</summary>
    private static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
