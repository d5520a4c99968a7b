// CSV input of the openness command, as pure functions over strings (the territories service
// reuses them on uploaded files). RFC 4180 quoting (ids may hold commas, quotes and line breaks),
// a leading BOM and CRLF line ends are accepted; empty lines are skipped. Every error names the
// file, the line (the first line of the record) and the reason.
import { NetworkInputError } from './errors';
import { Graph, GraphBuilder } from './graph';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/** Splits CSV text into records (RFC 4180). */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (pos < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quotedAny = false;
    for (;;) {
      if (pos < n && text[pos] === '"') {
        // quoted field
        quotedAny = true;
        pos++;
        for (;;) {
          if (pos >= n) throw new NetworkInputError('unterminated quoted field', file, startLine);
          const ch = text[pos];
          if (ch === '"') {
            if (text[pos + 1] === '"') {
              field += '"';
              pos += 2;
              continue;
            }
            pos++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          pos++;
        }
        if (pos < n && text[pos] !== ',' && text[pos] !== '\n' && !(text[pos] === '\r' && text[pos + 1] === '\n')) {
          throw new NetworkInputError(`unexpected ${JSON.stringify(text[pos])} after a closing quote`, file, line);
        }
      } else {
        // unquoted field: up to the next comma or line end
        let end = pos;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === 44 /* , */ || c === 10 /* \n */ || (c === 13 && text.charCodeAt(end + 1) === 10)) break;
          if (c === 34 /* " */) throw new NetworkInputError('a quote inside an unquoted field (quote the whole field and double the quote)', file, line);
          end++;
        }
        field = text.slice(pos, end);
        pos = end;
      }
      fields.push(field);
      field = '';
      if (pos >= n) break;
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      // line end: \n or \r\n
      pos += text[pos] === '\r' ? 2 : 1;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === '' && !quotedAny) continue; // an empty line
    records.push({ fields, line: startLine });
  }
  return records;
}

interface Header {
  columns: Map<string, number>;
  width: number;
}

function readHeader(records: CsvRecord[], file: string, required: readonly string[], optional: readonly string[]): Header {
  const expected = `${required.join(',')}${optional.map((o) => `[,${o}]`).join('')}`;
  if (records.length === 0) throw new NetworkInputError(`missing header: the file is empty (expected ${expected})`, file, 1);
  const { fields, line } = records[0];
  const names = fields.map((f) => f.trim());
  const known = [...required, ...optional];
  if (!names.some((name) => known.includes(name))) {
    throw new NetworkInputError(`missing header: expected ${expected}, found ${JSON.stringify(fields.join(','))}`, file, line);
  }
  const columns = new Map<string, number>();
  names.forEach((name, i) => {
    if (!known.includes(name)) throw new NetworkInputError(`unknown column ${JSON.stringify(name)} in the header (expected ${expected})`, file, line);
    if (columns.has(name)) throw new NetworkInputError(`column ${JSON.stringify(name)} twice in the header`, file, line);
    columns.set(name, i);
  });
  for (const name of required) {
    if (!columns.has(name)) throw new NetworkInputError(`missing column ${JSON.stringify(name)} in the header (expected ${expected})`, file, line);
  }
  return { columns, width: names.length };
}

function checkWidth(record: CsvRecord, header: Header, file: string): void {
  if (record.fields.length !== header.width) {
    throw new NetworkInputError(`expected ${header.width} fields, found ${record.fields.length}`, file, record.line);
  }
}

export interface EdgeRow {
  source: string;
  target: string;
  weight: number;
  line: number;
}

export interface EdgesFile {
  /** Whether the file has a weight column. */
  weighted: boolean;
  edges: EdgeRow[];
}

const NUMBER = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** EDGES.csv: header `source,target` or `source,target,weight` (any order); weight 1 when absent. */
export function parseEdgesCsv(text: string, file = 'edges.csv'): EdgesFile {
  const records = parseCsv(text, file);
  const header = readHeader(records, file, ['source', 'target'], ['weight']);
  const s = header.columns.get('source')!;
  const t = header.columns.get('target')!;
  const w = header.columns.get('weight');
  const edges: EdgeRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    checkWidth(record, header, file);
    const source = record.fields[s];
    const target = record.fields[t];
    if (source === '') throw new NetworkInputError('empty source id', file, record.line);
    if (target === '') throw new NetworkInputError('empty target id', file, record.line);
    if (source === target) throw new NetworkInputError(`self-loop on ${JSON.stringify(source)}`, file, record.line);
    let weight = 1;
    if (w !== undefined) {
      const raw = record.fields[w].trim();
      weight = NUMBER.test(raw) ? Number(raw) : NaN;
      if (!(Number.isFinite(weight) && weight > 0)) {
        throw new NetworkInputError(`bad weight ${JSON.stringify(record.fields[w])}: must be a finite number > 0`, file, record.line);
      }
    }
    edges.push({ source, target, weight, line: record.line });
  }
  return { weighted: w !== undefined, edges };
}

export interface GroupsFile {
  /** Node -> group, in file order. */
  groups: Map<string, string>;
  /** Node -> the line that first listed it. */
  lines: Map<string, number>;
}

/** GROUPS.csv: header `node,group` (any order). A node listed twice with the same group is accepted. */
export function parseGroupsCsv(text: string, file = 'groups.csv'): GroupsFile {
  const records = parseCsv(text, file);
  const header = readHeader(records, file, ['node', 'group'], []);
  const nc = header.columns.get('node')!;
  const gc = header.columns.get('group')!;
  const groups = new Map<string, string>();
  const lines = new Map<string, number>();
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    checkWidth(record, header, file);
    const node = record.fields[nc];
    const group = record.fields[gc];
    if (node === '') throw new NetworkInputError('empty node id', file, record.line);
    if (group === '') throw new NetworkInputError(`empty group for node ${JSON.stringify(node)}`, file, record.line);
    const previous = groups.get(node);
    if (previous !== undefined && previous !== group) {
      throw new NetworkInputError(
        `node ${JSON.stringify(node)} listed twice with two groups: ${JSON.stringify(previous)} on line ${lines.get(node)} and ${JSON.stringify(group)}`,
        file,
        record.line,
      );
    }
    if (previous === undefined) {
      groups.set(node, group);
      lines.set(node, record.line);
    }
  }
  return { groups, lines };
}

export interface CsvInput {
  edges: string;
  groups: string;
  /** File names for the messages (default edges.csv and groups.csv). */
  edgesFile?: string;
  groupsFile?: string;
}

/**
 * The graph of the two files: every node of the groups file (with or without edges) and every
 * edge, each endpoint of which must be in the groups file.
 */
export function graphFromCsv(input: CsvInput): { graph: Graph; groups: Map<string, string> } {
  const edgesFile = input.edgesFile ?? 'edges.csv';
  const groupsFile = input.groupsFile ?? 'groups.csv';
  const { groups } = parseGroupsCsv(input.groups, groupsFile);
  const { edges } = parseEdgesCsv(input.edges, edgesFile);
  const builder = new GraphBuilder();
  for (const node of groups.keys()) builder.addNode(node);
  for (const e of edges) {
    for (const end of [e.source, e.target]) {
      if (!groups.has(end)) throw new NetworkInputError(`node ${JSON.stringify(end)} is not in ${groupsFile}`, edgesFile, e.line);
    }
    builder.addEdge(e.source, e.target, e.weight, { file: edgesFile, line: e.line });
  }
  return { graph: builder.build(), groups };
}
