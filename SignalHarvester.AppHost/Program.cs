using SignalHarvester.AppHost.Extensions;
using SignalHarvester.Domain;
using SignalHarvester.Hosting.Infrastructure;
using SignalHarvester.Hosting.Launching;
using SignalHarvester.Hosting.Publishing;
using SignalHarvester.Hosting.Staging;

var builder = DistributedApplication.CreateBuilder(args)
    .LaunchServicesFromBuildOutput();

var (database, applicationDatabase, cache) = builder.AddBackingServices();

// The migrations own the schema and create the application role the API and the worker connect as.
var migrations = builder.AddProject<Projects.SignalHarvester_MigrationService>(ResourceNames.Migrations)
    .WithReference(database, ResourceNames.Database)
    .WithReference(applicationDatabase, ResourceNames.ApplicationDatabase)
    .WaitFor(database);

var api = builder.AddProject<Projects.SignalHarvester_Api>(ResourceNames.Api)
    .WithApiSettings(builder)
    .WithSharedSnapshots(builder)
    .WithReference(applicationDatabase, ResourceNames.Database)
    .WithReference(cache, ResourceNames.Cache)
    .WaitFor(cache)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health/ready");

builder.AddProject<Projects.SignalHarvester_Worker>(ResourceNames.Worker)
    .WithSourceModes(builder)
    .WithPipelineSettings(builder)
    .WithSharedSnapshots(builder)
    .WithReference(applicationDatabase, ResourceNames.Database)
    .WithReference(cache, ResourceNames.Cache)
    .WaitFor(cache)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health/ready");

builder.AddProject<Projects.SignalHarvester_Web>(ResourceNames.Web)
    .WithReference(api)
    .WaitFor(api)
    .WithHttpHealthCheck("/health/ready");

builder.AddStagingRehearsal();

builder.Build().RunOrPublish();
