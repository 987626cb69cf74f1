namespace SignalHarvester.Api.Labels;

/// <summary>A human judgement of one artifact: <c>relevant</c> or <c>irrelevant</c>.</summary>
public sealed record LabelResponse(
    long ArtifactId,
    string Label,
    string? Annotator,
    string? Notes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ArtifactSource,
    string ArtifactTitle);

public sealed record UpsertLabelRequest(string? Label, string? Annotator, string? Notes);

/// <summary>An import stored every row (<see cref="Created"/> new labels, <see cref="Updated"/> replaced ones) or none.</summary>
public sealed record LabelImportResult(int Imported, int Created, int Updated);
