using Coro.Sample;

// Tornado's web spider on Coro: see SpiderApp for the command, Spider for the coroutines.
return SpiderApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
