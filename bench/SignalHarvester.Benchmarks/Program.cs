using SignalHarvester.Benchmarks;

// Each benchmark measures the path the services use against the baseline it replaced, in the same
// run, and prints figures and ratios (docs/performance.md). bench/run.sh is the entry point.
return args switch
{
    ["storage", var connectionString, .. var rest] => await StorageBenchmark.RunAsync(connectionString, rest),
    ["semantic-links", .. var rest] => SemanticLinksBenchmark.Run(rest),
    ["discovery-scale", var connectionString, .. var rest] => await DiscoveryScaleBenchmark.RunAsync(connectionString, rest),
    ["seed-api", .. var rest] => await ApiSeed.RunAsync(rest),
    ["baseline-host", .. var rest] => await BaselineHost.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SignalHarvester.Benchmarks storage <connection string> [pages] [page size] [rounds] | semantic-links [artifacts] [rounds] | discovery-scale <connection string> [artifacts] | seed-api [signals] [artifacts] (connection string in ConnectionStrings__harvest) | baseline-host [host arguments]");
    return 2;
}
