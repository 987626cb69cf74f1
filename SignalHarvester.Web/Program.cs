using SignalHarvester.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddConsoleServices();

var app = builder.Build();

app.UseConsolePipeline();
app.MapDefaultEndpoints();
app.MapConsole();

app.Run();
