Console.WriteLine("Coro.Benchmarks: workloads arrive with the benchmarks issue.");
