namespace SignalHarvester.Data.Model;

/// <summary>What a <see cref="BulkJob"/> does to each signal.</summary>
public static class BulkJobKinds
{
    public const string Status = "status";
    public const string Delete = "delete";
}
