using Coro.Tool;

return Cli.Run(args, Console.Out, Console.Error);
