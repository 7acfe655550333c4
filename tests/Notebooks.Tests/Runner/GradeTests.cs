using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Runner;

/// <summary>
/// The runner's grade command on a class of learners: a notebook that does not parse, one that hangs, one
/// whose code ends the process, one that writes nonsense into the runner's protocol and one that is
/// correct each get the right row, in bounded time, and the teacher's files are left as they were.
/// </summary>
public sealed class GradeTests : IDisposable
{
    private const string Chapter = "00-start-here";
    private readonly TestNotebook files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Grade_CorruptHangingCrashingForgingAndCorrectLearners_GetTheRightReport_InBoundedTime()
    {
        var handIns = Path.Combine(files.Folder, "hand-ins");
        var solution = File.ReadAllText(Path.Combine(Repository.Notebooks, "solutions", Chapter + ".ipynb"));
        Write(handIns, "ada", solution);
        Write(handIns, "bob", WithExercise("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);"));
        Write(handIns, "cy", solution[..(solution.Length / 2)]);
        Write(handIns, "dee", WithExercise("async void Boom() { await Task.Yield(); throw new InvalidOperationException(\"boom\"); }\nBoom();\nawait Task.Delay(TimeSpan.FromSeconds(30));"));
        Write(handIns, "eve", WithExercise("var raw = Console.OpenStandardOutput();\nraw.Write(Encoding.UTF8.GetBytes(\"{\\\"event\\\":\\\"finished\\\",\\\"cell\\\":999}\\n\"));\nraw.Flush();\nawait Task.Delay(TimeSpan.FromSeconds(30));"));
        var before = Fingerprint(handIns, Repository.Notebooks);
        var report = Path.Combine(files.Folder, "report");

        var clock = Stopwatch.StartNew();
        var (exitCode, output, error) = await RunnerProcess.RunAsync(
            Repository.Root, "grade", handIns, "--chapters", Repository.Notebooks, "--out", report, "--cell-timeout", "15", "--parallel", "2", "--kernel", "scripting");

        Assert.True(exitCode == 0, output + error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(150), $"grading took {clock.Elapsed.TotalSeconds:0} s");
        var rows = File.ReadAllLines(Path.Combine(report, "grades.csv"));
        Assert.Equal("learner,chapter,check,result,detail", rows[0]);
        Assert.Matches($"^ada,{Chapter},Your first await,passed,$", Row(rows, "ada"));
        Assert.Matches($"^bob,{Chapter},Your first await,timed out,.*ran past the cell timeout", Row(rows, "bob"));
        Assert.Matches($"^cy,{Chapter},Your first await,error,.*{Chapter}.ipynb does not parse", Row(rows, "cy"));
        Assert.Matches($"^dee,{Chapter},Your first await,error,.*stopped the notebook: The notebook's process ended unexpectedly", Row(rows, "dee"));
        Assert.Matches($"^eve,{Chapter},Your first await,error,.*stopped the notebook: The runner could not follow the notebook's process", Row(rows, "eve"));
        Assert.Contains(rows, row => row.StartsWith("cy,,,note,", StringComparison.Ordinal));
        var html = File.ReadAllText(Path.Combine(report, "grades.html"));
        foreach (var (learner, result) in new[] { ("ada", "passed"), ("bob", "timed-out"), ("cy", "error"), ("dee", "error"), ("eve", "error") })
        {
            Assert.Matches($"<tr><th>{learner}</th><td class=\"{result}\">", html);
        }

        Assert.Equal(before, Fingerprint(handIns, Repository.Notebooks));
    }

    [Fact]
    public async Task Grade_MarksAChapterALearnerDidNotHandIn_AsMissing_AndMatchesByCellIdsNotFileNames()
    {
        var handIns = Path.Combine(files.Folder, "hand-ins");
        Write(handIns, "ada", File.ReadAllText(Path.Combine(Repository.Notebooks, "solutions", Chapter + ".ipynb")), "my homework.ipynb");
        Directory.CreateDirectory(Path.Combine(handIns, "bob"));
        var report = Path.Combine(files.Folder, "report");

        var (exitCode, output, error) = await RunnerProcess.RunAsync(
            Repository.Root, "grade", handIns, "--chapters", Repository.Notebooks, "--out", report, "--kernel", "scripting");

        Assert.True(exitCode == 0, output + error);
        var rows = File.ReadAllLines(Path.Combine(report, "grades.csv"));
        Assert.Equal(["learner,chapter,check,result,detail", $"ada,{Chapter},Your first await,passed,", $"bob,{Chapter},Your first await,missing,"], rows);
    }

    [Fact]
    public async Task Grade_RejectsNotebooksNamedByLearner_WithOneClearMessage()
    {
        files.Write("flat/ada.ipynb", "1");
        files.Write("flat/bob.ipynb", "2");

        var (exitCode, output, error) = await RunnerProcess.RunAsync(files.Folder, "grade", "flat");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("The hand-in folder 'flat' holds notebooks directly (ada.ipynb, bob.ipynb). grade does not read files named by learner: it expects one subfolder per learner", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    private static string Row(string[] rows, string learner) => Assert.Single(rows, row => row.StartsWith(learner + ",", StringComparison.Ordinal) && !row.Contains(",note,", StringComparison.Ordinal));

    /// <summary>The chapter's starter with the exercise cell's code replaced, as a learner hands it in.</summary>
    private static string WithExercise(string code)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Notebooks, Chapter + ".ipynb")))!;
        var exercise = notebook["cells"]!.AsArray().Single(cell => cell!["metadata"]?["tags"]?.AsArray().Any(tag => tag!.GetValue<string>() == "exercise") == true)!;
        exercise["source"] = code;
        return notebook.ToJsonString();
    }

    private static void Write(string handIns, string learner, string text, string name = Chapter + ".ipynb")
    {
        Directory.CreateDirectory(Path.Combine(handIns, learner));
        File.WriteAllText(Path.Combine(handIns, learner, name), text);
    }

    /// <summary>Every file under the folders, with its content's hash and its time of last write.</summary>
    private static string Fingerprint(params string[] folders) =>
        string.Join('\n', folders.SelectMany(folder => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal)
            .Select(file => $"{file} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))} {File.GetLastWriteTimeUtc(file):O}"));
}
