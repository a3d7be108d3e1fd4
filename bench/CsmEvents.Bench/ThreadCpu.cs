using System;
using System.Runtime.InteropServices;

namespace CsmEvents.Bench;

/// <summary>
/// CPU time of the calling thread. The bench machine is shared (other builds run beside it), so wall-clock
/// rates vary with the load; the thread's own CPU time shows what the code costs. Linux: clock_gettime with
/// CLOCK_THREAD_CPUTIME_ID; elsewhere the process's total processor time (includes other threads).
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec value);

    /// <summary>This thread's CPU seconds, or NaN where no per-thread clock is available.</summary>
    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0) return t.Seconds + t.Nanoseconds / 1e9;
        return double.NaN;
    }

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
        {
            return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
        }
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }
}
