namespace SignalHarvester.Api.Labels;

/// <summary>One label as the CSV import and export carry it; <see cref="Line"/> is where an imported row starts (1 is the header).</summary>
internal sealed record LabelRow(long ArtifactId, string Label, string? Annotator, string? Notes, long Line);
