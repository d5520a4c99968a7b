// The graph as GEXF 1.3 (Gephi) or GraphML, with node and edge attributes, for coordinators who
// explore the network in their own tools. Strings only; the caller writes or sends them.
import { NetworkInputError } from './errors';
import { Graph } from './graph';
import { edgeWeights } from './internal';

export type AttributeValue = string | number;

export interface ExportOptions {
  /** Attributes of nodes, by node id; a null value leaves the attribute out for that node; ids not in the graph are ignored. */
  nodeAttributes?: Readonly<Record<string, Readonly<Record<string, AttributeValue | null>>>>;
  /** Attributes of edge `e` (its index in `graph.edgeSources`); `weight` is reserved (the tie weight). */
  edgeAttributes?: (edgeIndex: number) => Readonly<Record<string, AttributeValue>>;
  /** GEXF: meta description; GraphML: the graph's `title` data. */
  title?: string;
  /** Labels of nodes, by node id (default: the id): GEXF's `label`, GraphML's `label` data (what Gephi shows). */
  nodeLabels?: Readonly<Record<string, string>>;
}

type AttrType = 'double' | 'string';

interface Declared {
  name: string;
  type: AttrType;
}

/** Characters XML 1.0 cannot carry, even escaped: C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Escaped for an attribute value or text node; tab, LF and CR as references, so parsers keep them. */
function xml(value: string, what: string): string {
  if (NOT_XML.test(value)) throw new NetworkInputError(`${what}: ${JSON.stringify(value)} holds a character XML cannot carry`);
  return value.replace(/[<>&"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(value: AttributeValue, type: AttrType, what: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NetworkInputError(`${what}: ${value} is not a finite number`);
    return String(value);
  }
  if (type === 'double') throw new Error('unreachable');
  return xml(value, what);
}

/** Attribute names in first-seen order (nodes in index order, then keys in object order) with their type: double when every value is a number, else string. */
function declare(rows: Iterable<Readonly<Record<string, AttributeValue | null>> | undefined>, what: string): Declared[] {
  const types = new Map<string, AttrType>();
  for (const row of rows) {
    if (!row) continue;
    for (const [name, value] of Object.entries(row)) {
      if (value === null || value === undefined) {
        if (!types.has(name)) types.set(name, 'double');
        continue;
      }
      if (typeof value !== 'number' && typeof value !== 'string') throw new NetworkInputError(`${what} ${JSON.stringify(name)}: ${typeof value} is neither a string nor a number`);
      types.set(name, types.get(name) === 'string' || typeof value === 'string' ? 'string' : 'double');
    }
  }
  for (const name of types.keys()) xml(name, `${what} name`);
  return [...types.entries()].map(([name, type]) => ({ name, type }));
}

interface Prepared {
  graph: Graph;
  weights: Float64Array;
  nodeRows: (Readonly<Record<string, AttributeValue | null>> | undefined)[];
  edgeRows: (Readonly<Record<string, AttributeValue>> | undefined)[];
  nodeKeys: Declared[];
  edgeKeys: Declared[];
}

function prepare(graph: Graph, options: ExportOptions): Prepared {
  const attrs = options.nodeAttributes ?? {};
  const nodeRows = graph.ids.map((id) => (Object.prototype.hasOwnProperty.call(attrs, id) ? attrs[id] : undefined));
  const edgeRows = Array.from({ length: graph.edgeCount }, (_, e) => options.edgeAttributes?.(e));
  edgeRows.forEach((row, e) => {
    if (row && Object.prototype.hasOwnProperty.call(row, 'weight')) throw new NetworkInputError(`edge ${e}: the attribute "weight" is reserved for the tie weight`);
  });
  for (const id of graph.ids) xml(id, 'node id');
  return { graph, weights: edgeWeights(graph), nodeRows, edgeRows, nodeKeys: declare(nodeRows, 'node attribute'), edgeKeys: declare(edgeRows, 'edge attribute') };
}

function values(row: Readonly<Record<string, AttributeValue | null>> | undefined, keys: Declared[], render: (k: number, value: string) => string, what: string): string {
  if (!row) return '';
  let out = '';
  keys.forEach((key, k) => {
    if (!Object.prototype.hasOwnProperty.call(row, key.name)) return;
    const value = row[key.name];
    if (value === null || value === undefined) return;
    out += render(k, text(value, key.type, `${what} ${JSON.stringify(key.name)}`));
  });
  return out;
}

/**
 * GEXF 1.3, undirected, static: node ids and labels are the graph's ids, edges `e0`, `e1`... in
 * edge order with their `weight`; attributes declared under `<attributes class="node|edge">` as
 * `double` (every value a number) or `string`.
 */
export function toGexf(graph: Graph, options: ExportOptions = {}): string {
  const p = prepare(graph, options);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta><creator>@opn/network-metrics</creator>${options.title !== undefined ? `<description>${xml(options.title, 'title')}</description>` : ''}</meta>`,
    '  <graph mode="static" defaultedgetype="undirected">',
  ];
  const declareClass = (cls: 'node' | 'edge', keys: Declared[]) => {
    if (keys.length === 0) return;
    lines.push(`    <attributes class="${cls}" mode="static">`);
    keys.forEach((key, k) => lines.push(`      <attribute id="${k}" title="${xml(key.name, `${cls} attribute name`)}" type="${key.type}"/>`));
    lines.push('    </attributes>');
  };
  declareClass('node', p.nodeKeys);
  declareClass('edge', p.edgeKeys);
  const attvalue = (k: number, value: string) => `<attvalue for="${k}" value="${value}"/>`;
  lines.push('    <nodes>');
  graph.ids.forEach((id, i) => {
    const escaped = xml(id, 'node id');
    const label = xml(options.nodeLabels?.[id] ?? id, 'node label');
    const vals = values(p.nodeRows[i], p.nodeKeys, attvalue, `node ${JSON.stringify(id)} attribute`);
    lines.push(vals ? `      <node id="${escaped}" label="${label}"><attvalues>${vals}</attvalues></node>` : `      <node id="${escaped}" label="${label}"/>`);
  });
  lines.push('    </nodes>', '    <edges>');
  for (let e = 0; e < graph.edgeCount; e++) {
    const head = `      <edge id="e${e}" source="${xml(graph.ids[graph.edgeSources[e]], 'node id')}" target="${xml(graph.ids[graph.edgeTargets[e]], 'node id')}" weight="${String(p.weights[e])}"`;
    const vals = values(p.edgeRows[e], p.edgeKeys, attvalue, `edge ${e} attribute`);
    lines.push(vals ? `${head}><attvalues>${vals}</attvalues></edge>` : `${head}/>`);
  }
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

/**
 * GraphML, `edgedefault="undirected"`: keys declared with `attr.name` and `attr.type` (`double`
 * or `string`) — node keys `n0`..., edge keys `e0`... and `weight` (double, every edge), the title
 * as graph data `title`.
 */
export function toGraphml(graph: Graph, options: ExportOptions = {}): string {
  const p = prepare(graph, options);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  if (options.title !== undefined) lines.push('  <key id="title" for="graph" attr.name="title" attr.type="string"/>');
  if (options.nodeLabels) {
    if (p.nodeKeys.some((k) => k.name === 'label')) throw new NetworkInputError('node attribute "label" is reserved when nodeLabels are given');
    lines.push('  <key id="label" for="node" attr.name="label" attr.type="string"/>');
  }
  p.nodeKeys.forEach((key, k) => lines.push(`  <key id="n${k}" for="node" attr.name="${xml(key.name, 'node attribute name')}" attr.type="${key.type}"/>`));
  lines.push('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>');
  p.edgeKeys.forEach((key, k) => lines.push(`  <key id="e${k}" for="edge" attr.name="${xml(key.name, 'edge attribute name')}" attr.type="${key.type}"/>`));
  lines.push('  <graph id="G" edgedefault="undirected">');
  if (options.title !== undefined) lines.push(`    <data key="title">${xml(options.title, 'title')}</data>`);
  graph.ids.forEach((id, i) => {
    const label = options.nodeLabels?.[id];
    const vals = (label !== undefined ? `<data key="label">${xml(label, 'node label')}</data>` : '') + values(p.nodeRows[i], p.nodeKeys, (k, v) => `<data key="n${k}">${v}</data>`, `node ${JSON.stringify(id)} attribute`);
    lines.push(vals ? `    <node id="${xml(id, 'node id')}">${vals}</node>` : `    <node id="${xml(id, 'node id')}"/>`);
  });
  for (let e = 0; e < graph.edgeCount; e++) {
    const vals = values(p.edgeRows[e], p.edgeKeys, (k, v) => `<data key="e${k}">${v}</data>`, `edge ${e} attribute`);
    lines.push(
      `    <edge source="${xml(graph.ids[graph.edgeSources[e]], 'node id')}" target="${xml(graph.ids[graph.edgeTargets[e]], 'node id')}"><data key="weight">${String(p.weights[e])}</data>${vals}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
