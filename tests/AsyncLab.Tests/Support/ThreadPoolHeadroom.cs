using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AsyncLab.Tests.Support;

/// <summary>
/// These tests run wrong solutions that block thread-pool threads (<c>.Result</c>, <c>.Wait()</c>) on purpose, and
/// some keep their threads until their simulated work ends. Past its minimum, the pool adds threads slowly (about one
/// a second), so a test that measures real time right after one of them could wait for a thread, and judge a correct
/// solution late. A higher minimum gives every test its threads at once; it changes no verdict, since the checks
/// measure blocking on their own thread.
/// </summary>
internal static class ThreadPoolHeadroom
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: the setting is for its own process.")]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);
    }
}
