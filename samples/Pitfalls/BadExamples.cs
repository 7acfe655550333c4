namespace Pitfalls;

// Each method below is one of chapter 09's pitfalls, written on purpose. The comment names what the
// analyzers report on it; the chapter builds this project and shows their report.
public static class BadExamples
{
    // VSTHRD002: a synchronous wait on a task (sync-over-async); it can deadlock under a single-threaded context.
    public static string ReadSync(Func<Task<string>> read) => read().Result;

    // VSTHRD103 and AsyncFixer02: blocking calls inside an async method, where an async version exists.
    public static async Task<string> LoadAsync(string path)
    {
        Thread.Sleep(100);
        string text = File.ReadAllText(path);
        await Task.Delay(10);
        return text;
    }

    // VSTHRD100 and AsyncFixer03: async void, whose exceptions nobody can catch.
    public static async void FireAndForget()
    {
        await Task.Delay(10);
        throw new InvalidOperationException("nobody sees this");
    }

    // CS4014 (the compiler): the task of an async call is dropped, so its exception is lost.
    public static async Task ForgetTheAwaitAsync()
    {
        SaveAsync();
        await Task.Delay(10);
        await Task.Delay(10);
    }

    // VSTHRD200: an async method whose name does not end in Async.
    public static Task Save() => SaveAsync();

    private static Task SaveAsync() => Task.Delay(10);
}
