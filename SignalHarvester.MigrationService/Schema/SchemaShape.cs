namespace SignalHarvester.MigrationService.Schema;

/// <summary>
/// The parts of a schema that drift checks compare: tables, their columns with store types, and
/// named indexes and constraints. Built once from the EF model and once from the live database.
/// </summary>
internal sealed record SchemaShape(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tables,
    IReadOnlySet<string> Indexes,
    IReadOnlySet<string> Constraints)
{
    public static string NormalizeType(string type) =>
        type.Trim().ToLowerInvariant() switch
        {
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "float8" => "double precision",
            "float4" => "real",
            "bool" => "boolean",
            "timestamptz" => "timestamp with time zone",
            var other => other,
        };
}
