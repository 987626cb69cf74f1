using System.Reflection;
using System.Text.Json;
using SignalHarvester.Tests.Deployment;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// The mutation check (<c>eng/mutation-check.py</c>, docs/testing.md) stays runnable: every break it lists still
/// finds its line in the product, and every test it expects to go red still exists. Without this, a refactoring
/// would quietly turn a break into "did not apply" until someone ran the check.
/// </summary>
public sealed class MutationListTests
{
    private sealed record Mutation(string Id, string Break, string File, string Find, string Replace, string[] Tests);

    private static readonly IReadOnlyList<Mutation> Mutations = JsonSerializer.Deserialize<List<Mutation>>(
        File.ReadAllText(Path.Combine(Tool.RepositoryRoot(), "eng", "mutations.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    // Every test of this assembly as "Class.Method", what a FullyQualifiedName~ filter of the list names.
    private static readonly IReadOnlyList<string> TestMethods = typeof(MutationListTests).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => method.GetCustomAttributes<FactAttribute>().Any())
            .Select(method => $"{type.Name}.{method.Name}"))
        .ToList();

    public static TheoryData<string> Ids => [.. Mutations.Select(m => m.Id)];

    [Fact]
    public void The_check_lists_at_least_ten_distinct_breaks_of_product_code()
    {
        Assert.True(Mutations.Count >= 10, $"only {Mutations.Count} breaks listed");
        Assert.Equal(Mutations.Count, Mutations.Select(m => m.Id).Distinct().Count());
        Assert.All(Mutations, m => Assert.DoesNotContain(".Tests/", m.File, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_break_finds_its_one_line_in_the_product(string id)
    {
        var mutation = Mutations.Single(m => m.Id == id);
        var source = File.ReadAllText(Path.Combine(Tool.RepositoryRoot(), mutation.File));

        Assert.NotEqual(mutation.Find, mutation.Replace);
        // Counted as the check counts them (Python's str.count: non-overlapping).
        Assert.Equal(1, source.Split(mutation.Find).Length - 1);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_tests_expected_to_catch_the_break_exist(string id)
    {
        var mutation = Mutations.Single(m => m.Id == id);
        Assert.NotEmpty(mutation.Tests);

        // A filter "Class" or "Class.Start_of_a_name" (FullyQualifiedName~…) must match at least one test.
        Assert.All(mutation.Tests, test => Assert.Contains(TestMethods, method => method.StartsWith(test, StringComparison.Ordinal)));
    }
}
