using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using NotebookRunner.Hosting;
using Notebooks.Tests.Support;

namespace Notebooks.Tests.Jupyter;

/// <summary>
/// Executes notebooks as a Jupyter front end does: <c>execute_notebook.py</c> drives nbclient, which starts
/// the kernelspec that <c>dotnet interactive jupyter install</c> wrote. The kernelspec goes into a Jupyter
/// folder of this fixture's own, never the user's. What the route needs and cannot find fails every test
/// with a message that says what to install.
/// </summary>
public sealed class JupyterClient : IDisposable
{
    /// <summary>The driver, run from the source tree.</summary>
    public static string Driver { get; } = Path.Combine(Repository.Root, "tests", "Notebooks.Tests", "Jupyter", "execute_notebook.py");

    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(5);

    private readonly TestNotebook files = new();
    private readonly Lazy<Task<string>> python;
    private readonly ConcurrentDictionary<string, Lazy<Task<Run>>> runs = new();

    public JupyterClient() => python = new(SetUpAsync);

    /// <summary>A temporary folder for notebooks and executed copies; deleted with the fixture.</summary>
    internal TestNotebook Files => files;

    /// <summary>The test-owned Jupyter data folder: <c>kernels/</c> holds the installed kernelspecs.</summary>
    public string JupyterHome => Path.Combine(files.Folder, "jupyter");

    /// <summary>The C# kernelspec as the tool wrote it; installs it first if needed.</summary>
    public async Task<JsonObject> CSharpKernelSpecAsync()
    {
        await python.Value;
        return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(JupyterHome, "kernels", ".net-csharp", "kernel.json")))!.AsObject();
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> with kernel <c>.net-csharp</c>, writes the executed copy to
    /// <paramref name="output"/> and returns what the driver reported. The kernel starts in
    /// <paramref name="workingDirectory"/>, by default the notebook's folder, as Jupyter starts it.
    /// </summary>
    public async Task<Run> ExecuteAsync(string notebook, string output, string? workingDirectory = null)
    {
        var interpreter = await python.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var messages = output + ".messages.json";
        List<string> arguments = [Driver, notebook, "--output", output, "--messages", messages];
        if (workingDirectory is not null)
        {
            arguments.AddRange(["--cwd", workingDirectory]);
        }

        var (exitCode, stdout, stderr) = await RunAsync(interpreter, arguments, Repository.Root, NotebookTimeout);
        if (!File.Exists(output))
        {
            Assert.Fail($"The driver wrote no executed copy (exit code {exitCode}).\n{stdout}\n{stderr}");
        }

        return new Run(
            exitCode,
            stdout,
            stderr,
            JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject(),
            File.Exists(messages) ? JsonNode.Parse(await File.ReadAllTextAsync(messages))!.AsArray() : []);
    }

    /// <summary>Executes a notebook once for every test that asks by the same <paramref name="key"/>.</summary>
    public Task<Run> ExecuteOnceAsync(string key, Func<Task<Run>> execute) =>
        runs.GetOrAdd(key, _ => new Lazy<Task<Run>>(execute)).Value;

    public void Dispose() => files.Dispose();

    /// <summary>Finds a Python with nbclient, restores the local tools and installs the kernelspecs; returns the Python.</summary>
    private async Task<string> SetUpAsync()
    {
        var interpreter = await FindPythonAsync();

        var restore = await RunAsync(DotnetHost.FileName, ["tool", "restore"], Repository.Root, SetupTimeout);
        Assert.True(
            restore.ExitCode == 0,
            $"'dotnet tool restore' failed at the repository root, so the .NET Interactive tool of .config/dotnet-tools.json is missing.\n{restore.Output}\n{restore.Error}");

        // The tool writes the kernelspecs straight into the folder given, which must exist.
        var kernels = Directory.CreateDirectory(Path.Combine(JupyterHome, "kernels")).FullName;
        var install = await RunAsync(DotnetHost.FileName, ["interactive", "jupyter", "install", "--path", kernels], Repository.Root, SetupTimeout);
        Assert.True(
            install.ExitCode == 0 && File.Exists(Path.Combine(kernels, ".net-csharp", "kernel.json")),
            $"'dotnet interactive jupyter install --path {kernels}' did not install the .net-csharp kernelspec (exit code {install.ExitCode}).\n{install.Output}\n{install.Error}");
        return interpreter;
    }

    /// <summary>The first of <c>python3</c> on the PATH and Debian's <c>/usr/bin/python3</c> that can import nbclient.</summary>
    private async Task<string> FindPythonAsync()
    {
        string[] candidates = ["python3", "/usr/bin/python3"];
        foreach (var candidate in candidates)
        {
            try
            {
                var probe = await RunAsync(candidate, ["-c", "import nbclient, nbformat, jupyter_client"], Repository.Root, SetupTimeout);
                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (Win32Exception)
            {
                // Not installed: try the next one.
            }
        }

        Assert.Fail(
            $"No Python with nbclient and jupyter_client was found (tried {string.Join(" and ", candidates)}). The Jupyter route tests need them: " +
            "on Debian or Ubuntu, 'apt-get install -y python3-nbclient jupyter-client' (.ci/run does this); elsewhere 'pip install nbclient jupyter_client'.");
        return null!;
    }

    /// <summary>Runs a program in the test-owned Jupyter environment; kills its whole tree after <paramref name="timeout"/>.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in JupyterEnvironment())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{fileName} {string.Join(' ', arguments)}' ran longer than {timeout.TotalSeconds} s and was stopped.\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Jupyter's folders all point into the fixture's own, so neither the user's kernelspecs nor their
    /// configuration take part; the kernel sends no telemetry; simulated waits run at half scale, as in
    /// the other chapter tests.
    /// </summary>
    private Dictionary<string, string> JupyterEnvironment() => new()
    {
        ["JUPYTER_PATH"] = JupyterHome,
        ["JUPYTER_DATA_DIR"] = JupyterHome,
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(JupyterHome, "config"),
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(JupyterHome, "runtime"),
        ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["ASYNCLAB_LATENCY_SCALE"] = "0.5",
    };

    /// <summary>What one execution produced.</summary>
    /// <param name="ExitCode">The driver's exit code: 0 no error, 1 a cell failed, 2 the notebook could not run.</param>
    /// <param name="Output">The driver's standard output (and the kernel's log).</param>
    /// <param name="Error">The driver's standard error: one line per failed cell.</param>
    /// <param name="Executed">The executed copy.</param>
    /// <param name="Messages">Each output message the kernel sent: cell, msg_type, display_id, mime_types, text.</param>
    public sealed record Run(int ExitCode, string Output, string Error, JsonObject Executed, JsonArray Messages)
    {
        /// <summary>The executed code cell with this id.</summary>
        public JsonObject Cell(string id) => Executed["cells"]!.AsArray().Select(cell => cell!.AsObject()).Single(cell => (string?)cell["id"] == id);

        /// <summary>Every executed code cell.</summary>
        public IEnumerable<JsonObject> CodeCells => Executed["cells"]!.AsArray().Select(cell => cell!.AsObject()).Where(cell => (string?)cell["cell_type"] == "code");

        /// <summary>The messages the kernel sent while the cell at <paramref name="index"/> ran.</summary>
        public IEnumerable<JsonObject> MessagesOf(int index) => Messages.Select(message => message!.AsObject()).Where(message => (int)message["cell"]! == index);
    }
}
