namespace Coro.Tool;

/// <summary>A failure the tool explains to its user in one message (no stack trace): a process
/// that does not exist or cannot be read, a dump of another runtime, a target without Coro.</summary>
internal sealed class ToolException(string message) : Exception(message);
