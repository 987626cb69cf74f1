using SignalHarvester.MigrationService;

return await MigrationCommandLine.Create().Parse(args).InvokeAsync();
