using System.Text.RegularExpressions;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// Inside a project, folders (namespaces) depend one way too: two namespaces that use each other are one feature
/// split in two, or a composition root hiding in a feature (issue 12). Read from the sources' using directives.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    [Fact]
    public void No_two_namespaces_of_the_product_use_each_other()
    {
        var uses = Uses();
        Assert.True(uses.Count > 50, $"only {uses.Count} namespaces found: the source scan is broken");
        Assert.Contains("SignalHarvester.Data.Signals", uses["SignalHarvester.Worker.Signals.Stages"]);

        var cycles = StronglyConnected(uses).Where(component => component.Count > 1).Select(c => string.Join(" ↔ ", c.Order(StringComparer.Ordinal))).ToList();

        Assert.Empty(cycles);
    }

    /// <summary>Each production namespace and the product namespaces its files import (Migrations excluded: EF generates them).</summary>
    private static Dictionary<string, HashSet<string>> Uses()
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, text) in ProductSources.Read())
        {
            var declared = NamespaceDeclaration().Match(text);
            if (!declared.Success)
            {
                continue;
            }

            var self = declared.Groups[1].Value;
            var imports = uses.TryGetValue(self, out var existing) ? existing : uses[self] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match used in UsingDirective().Matches(text))
            {
                var target = used.Groups[1].Value;
                // A namespace sees its parents' types without a using; importing a parent is no cycle of its own.
                if (target != self && !self.StartsWith(target + ".", StringComparison.Ordinal))
                {
                    imports.Add(target);
                }
            }
        }

        return uses;
    }

    // Tarjan's algorithm: every set of namespaces that reach each other.
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^using (SignalHarvester[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
