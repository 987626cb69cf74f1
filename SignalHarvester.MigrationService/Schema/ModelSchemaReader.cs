using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using SignalHarvester.Data;

namespace SignalHarvester.MigrationService.Schema;

/// <summary>What the EF Core model says the schema must contain.</summary>
internal static class ModelSchemaReader
{
    public static SchemaShape Read(HarvestDbContext db)
    {
        var model = db.GetService<IDesignTimeModel>().Model;
        var tables = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        var indexes = new HashSet<string>();
        var constraints = new HashSet<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            tables[table.Name] = table.Columns.ToDictionary(c => c.Name, c => SchemaShape.NormalizeType(c.StoreType));
            foreach (var index in table.Indexes)
            {
                indexes.Add(index.Name);
            }

            foreach (var key in table.UniqueConstraints)
            {
                constraints.Add(key.Name);
            }

            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                constraints.Add(foreignKey.Name);
            }

            foreach (var check in table.CheckConstraints)
            {
                constraints.Add(check.Name!);
            }
        }

        return new SchemaShape(tables, indexes, constraints);
    }

    public static IReadOnlyList<string> TableNames(HarvestDbContext db) =>
        db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Select(t => t.Name).Order().ToList();
}
