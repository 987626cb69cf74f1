using Microsoft.EntityFrameworkCore;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Migrations;

public sealed class ModelSnapshotTests
{
    [Fact]
    public void Every_model_change_is_captured_by_a_migration()
    {
        using var db = ModelOnlyDbContext.Create();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The EF model has changes no migration captures: run `dotnet tool run dotnet-ef migrations add <Name> " +
            "--project SignalHarvester.Domain --startup-project SignalHarvester.MigrationService --output-dir Data/Migrations`.");
    }
}
