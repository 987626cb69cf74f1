namespace SignalHarvester.Api.Paging;

/// <summary>A page of a list; <see cref="TotalExact"/> is false when <see cref="Total"/> is a lower bound (a listing that counts only so far).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool TotalExact = true);
