using Microsoft.Diagnostics.Runtime;

namespace Coro.Tool;

/// <summary>What a loop's thread does, from its managed stack: waiting for work in the loop's
/// <c>WaitForWork</c>, or running a step, and then whose (the coroutine body's <c>MoveNext</c> on
/// the stack) and at which line.</summary>
internal static class LoopThread
{
    public static (LoopActivity Activity, StepReport? Step) Read(ClrThread thread, SourceLines lines)
    {
        var frames = thread.EnumerateStackTrace().Where(frame => frame.Method is not null).ToList();
        if (frames.Any(frame => IsLoopMethod(frame.Method!) && RuntimeLayout.LoopWaitMethods.Contains(frame.Method!.Name)))
        {
            return (LoopActivity.Waiting, null);
        }

        if (!frames.Any(frame => IsLoopMethod(frame.Method!)))
        {
            return (LoopActivity.NotRunning, null); // a pumped loop's thread doing something else
        }

        // The body is the outermost iterator under the first frame of Coro's own (the Runner, or the
        // wrapper running a first step): iterators the body itself calls sit further in.
        ClrStackFrame? body = null;
        foreach (ClrStackFrame frame in frames) // innermost first
        {
            ClrMethod method = frame.Method!;
            if (IsCoro(method.Type))
            {
                if (body is not null || IsLoopMethod(method))
                {
                    break;
                }

                continue;
            }

            if (method.Name == "MoveNext" && method.Type?.GetFieldByName(RuntimeLayout.IteratorState) is not null)
            {
                body = frame;
            }
        }

        if (body?.Method is { Type: { } bodyType } moveNext)
        {
            int ilOffset = moveNext.GetILOffset(body.InstructionPointer);
            return (LoopActivity.RunningStep, new StepReport(TypeNames.CoroutineName(bodyType.Name), lines.OfOffset(bodyType.Module?.Name, moveNext.MetadataToken, ilOffset)));
        }

        return (LoopActivity.RunningStep, new StepReport(null, null));
    }

    private static bool IsLoopMethod(ClrMethod method) => method.Type?.Name == RuntimeLayout.EventLoopType;

    private static bool IsCoro(ClrType? type) =>
        Path.GetFileNameWithoutExtension(type?.Module?.Name ?? "") == RuntimeLayout.CoroAssembly;
}
