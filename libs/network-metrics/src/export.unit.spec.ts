import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NetworkInputError } from './errors';
import { ExportOptions, toGexf, toGraphml } from './export';
import { graphFromEdges } from './graph';
import { networkxSkipReason, runReference } from './reference.spec';

// Ids and values that need escaping, non-ASCII (accents, CJK, an astral emoji), white space kept.
const ODD = `a<&>"'b`;
const graph = graphFromEdges(
  [
    { source: ODD, target: 'Zoé', weight: 2.5 },
    { source: 'Zoé', target: '漢字 🚀', weight: 1 },
    { source: ODD, target: '漢字 🚀', weight: 0.125 },
  ],
  ['alone'],
);
const options: ExportOptions = {
  title: `Territoire <Nord> & "Sud" – l'été`,
  nodeAttributes: {
    [ODD]: { town: `Saint-<Ouen> & "Cie"`, size: 12, score: null },
    Zoé: { town: 'Montréal\nQC\ttab', size: 3.25, score: 0.5 },
    '漢字 🚀': { town: null, size: -1 },
    alone: { town: 'Lyon' },
    notInGraph: { town: 'ignored' },
  },
  edgeAttributes: (e) => (e === 2 ? { kind: `<client> & 'friend'`, since: 2020 } : { kind: ['supplier', 'family'][e], since: 2000 + e }),
};

describe('toGexf', () => {
  const gexf = toGexf(graph, options);

  it('is GEXF 1.3, undirected, with the attributes declared with types and every special character escaped', () => {
    expect(gexf.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3"')).toBe(true);
    expect(gexf).toContain('version="1.3"');
    expect(gexf).toContain('<graph mode="static" defaultedgetype="undirected">');
    expect(gexf).toContain('<description>Territoire &#60;Nord&#62; &#38; &#34;Sud&#34; – l&#39;été</description>');
    expect(gexf).toContain(
      [
        '    <attributes class="node" mode="static">',
        '      <attribute id="0" title="town" type="string"/>',
        '      <attribute id="1" title="size" type="double"/>',
        '      <attribute id="2" title="score" type="double"/>',
        '    </attributes>',
        '    <attributes class="edge" mode="static">',
        '      <attribute id="0" title="kind" type="string"/>',
        '      <attribute id="1" title="since" type="double"/>',
        '    </attributes>',
      ].join('\n'),
    );
    expect(gexf).toContain(
      '<node id="a&#60;&#38;&#62;&#34;&#39;b" label="a&#60;&#38;&#62;&#34;&#39;b"><attvalues><attvalue for="0" value="Saint-&#60;Ouen&#62; &#38; &#34;Cie&#34;"/><attvalue for="1" value="12"/></attvalues></node>',
    );
    expect(gexf).toContain('<attvalue for="0" value="Montréal&#10;QC&#9;tab"/>');
    expect(gexf).toContain('<edge id="e0" source="a&#60;&#38;&#62;&#34;&#39;b" target="Zoé" weight="2.5">');
    expect(gexf).not.toContain('ignored');
  });

  it('without attributes nor title: no attributes block, bare nodes and edges', () => {
    const plain = toGexf(graphFromEdges([{ source: 'a', target: 'b' }]));
    expect(plain).not.toContain('<attributes');
    expect(plain).toContain('<node id="a" label="a"/>');
    expect(plain).toContain('<edge id="e0" source="a" target="b" weight="1"/>');
    expect(plain).toContain('<meta><creator>@opn/network-metrics</creator></meta>');
  });
});

describe('toGraphml', () => {
  const graphml = toGraphml(graph, options);

  it('declares every key with attr.name and attr.type, the weight as a double edge key, undirected', () => {
    expect(graphml).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"');
    expect(graphml).toContain('<key id="title" for="graph" attr.name="title" attr.type="string"/>');
    expect(graphml).toContain('<key id="n0" for="node" attr.name="town" attr.type="string"/>');
    expect(graphml).toContain('<key id="n1" for="node" attr.name="size" attr.type="double"/>');
    expect(graphml).toContain('<key id="weight" for="edge" attr.name="weight" attr.type="double"/>');
    expect(graphml).toContain('<key id="e1" for="edge" attr.name="since" attr.type="double"/>');
    expect(graphml).toContain('<graph id="G" edgedefault="undirected">');
    expect(graphml).toContain('<edge source="Zoé" target="漢字 🚀"><data key="weight">1</data><data key="e0">family</data><data key="e1">2001</data></edge>');
    expect(graphml).toContain('<data key="e0">&#60;client&#62; &#38; &#39;friend&#39;</data>');
  });
});

describe('toGexf and toGraphml refuse what XML cannot carry', () => {
  it.each([
    ['a control character in an id', graphFromEdges([{ source: 'a\u0001', target: 'b' }]), {}],
    ['a lone surrogate in a value', graphFromEdges([{ source: 'a', target: 'b' }]), { nodeAttributes: { a: { x: '\ud800' } } }],
    ['a control character in an attribute name', graphFromEdges([{ source: 'a', target: 'b' }]), { nodeAttributes: { a: { 'x\u0000': 1 } } }],
    ['a non-finite number', graphFromEdges([{ source: 'a', target: 'b' }]), { nodeAttributes: { a: { x: NaN } } }],
    ['an edge attribute named weight', graphFromEdges([{ source: 'a', target: 'b' }]), { edgeAttributes: () => ({ weight: 3 }) }],
  ] as [string, ReturnType<typeof graphFromEdges>, ExportOptions][])('%s', (_what, g, o) => {
    expect(() => toGexf(g, o)).toThrow(NetworkInputError);
    expect(() => toGraphml(g, o)).toThrow(NetworkInputError);
  });
});

type Attrs = Record<string, string | number | boolean>;
interface ReadBack {
  directed: boolean;
  graph: Attrs;
  nodes: [string, Attrs][];
  edges: [string, string, Attrs][];
}

/** What networkx must read back: attributes as given (numbers as floats), nulls left out. */
const expectedNodes = () =>
  graph.ids.map((id) => [id, Object.fromEntries(Object.entries(options.nodeAttributes![id] ?? {}).filter(([, v]) => v !== null))] as [string, Attrs]);
const expectedEdges = () =>
  [0, 1, 2].map((e) => ({
    pair: [graph.ids[graph.edgeSources[e]], graph.ids[graph.edgeTargets[e]]].sort(),
    attrs: { ...options.edgeAttributes!(e), weight: [2.5, 1, 0.125][e] },
  }));
const byPair = (a: { pair: string[] }, b: { pair: string[] }) => (a.pair.join('\u0000') < b.pair.join('\u0000') ? -1 : 1);

(networkxSkipReason ? describe.skip : describe)('read back by networkx (live)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opn-export-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const readBack = (format: 'gexf' | 'graphml', text: string): ReadBack => {
    const file = join(dir, `graph.${format}`);
    writeFileSync(file, text, 'utf8');
    return runReference<ReadBack>(['readback', '--format', format, '--file', file]);
  };
  const compare = (r: ReadBack, drop: string[]) => {
    expect(r.directed).toBe(false);
    const strip = (a: Attrs) => Object.fromEntries(Object.entries(a).filter(([k]) => !drop.includes(k)));
    expect(r.nodes.map(([id, a]) => [id, strip(a)])).toEqual(expectedNodes());
    const edges = r.edges.map(([u, v, a]) => ({ pair: [u, v].sort(), attrs: strip(a) })).sort(byPair);
    expect(edges).toEqual(expectedEdges().sort(byPair));
  };

  it('nx.read_gexf: nodes, edges, weights and attributes (networkx adds the label and edge id)', () => {
    const r = readBack('gexf', toGexf(graph, options));
    for (const [id, a] of r.nodes) expect(a.label).toBe(id);
    compare(r, ['label', 'id']);
  });

  it('nx.read_graphml: nodes, edges, weights, attributes and the title', () => {
    const r = readBack('graphml', toGraphml(graph, options));
    expect(r.graph).toEqual({ title: options.title });
    compare(r, []);
  });

  it('with nodeLabels: both formats carry them as the label (escaped), and GraphML refuses a label attribute beside them', () => {
    const g = graphFromEdges([{ source: 'a', target: 'b' }]);
    const nodeLabels = { a: 'Forges <du> "Rhône"', b: 'Été & Cie' };
    for (const format of ['gexf', 'graphml'] as const) {
      const r = readBack(format, format === 'gexf' ? toGexf(g, { nodeLabels }) : toGraphml(g, { nodeLabels }));
      expect(r.nodes.map(([id, a]) => [id, a.label])).toEqual([
        ['a', nodeLabels.a],
        ['b', nodeLabels.b],
      ]);
    }
    expect(() => toGraphml(g, { nodeLabels, nodeAttributes: { a: { label: 'x' } } })).toThrow(/reserved/);
  });

  it('a graph without edges nor attributes', () => {
    const g = graphFromEdges([], ['x', 'y']);
    for (const format of ['gexf', 'graphml'] as const) {
      const r = readBack(format, format === 'gexf' ? toGexf(g) : toGraphml(g));
      expect(r.nodes.map(([id]) => id)).toEqual(['x', 'y']);
      expect(r.edges).toEqual([]);
    }
  });
});
if (networkxSkipReason) console.warn(`networkx read-back of GEXF/GraphML skipped: ${networkxSkipReason}`);
