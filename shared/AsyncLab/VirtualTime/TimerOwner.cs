using System.Runtime.CompilerServices;

namespace AsyncLab;

/// <summary>Names what created a timer ("Task.Delay", "WaitAsync", ...), so a diagnostic can say which wait is still pending.</summary>
internal static class TimerOwner
{
    /// <summary>A short, readable name for the creator of a timer with this callback and state.</summary>
    public static string Describe(TimerCallback callback, object? state)
    {
        Type? type = state?.GetType();
        string name = type?.Name ?? "";
        if (name.StartsWith("DelayPromise", StringComparison.Ordinal))
        {
            return "Task.Delay";
        }

        if (name.StartsWith("CancellationPromise", StringComparison.Ordinal))
        {
            return "WaitAsync";
        }

        if (type == typeof(CancellationTokenSource))
        {
            return "CancellationTokenSource";
        }

        if (type?.DeclaringType == typeof(PeriodicTimer))
        {
            return "PeriodicTimer";
        }

        Type? creator = callback.Method.DeclaringType;
        while (creator is not null && creator.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && creator.DeclaringType is not null)
        {
            creator = creator.DeclaringType;
        }

        return "a timer created in " + (creator?.Name ?? "unknown code");
    }
}
