using System.Xml.Linq;

namespace SignalHarvester.Worker.Discovery.Sources.Arxiv;

/// <summary>The XML namespaces of the arXiv API's Atom feed.</summary>
internal static class ArxivAtom
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";
    public static readonly XNamespace OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";
}
