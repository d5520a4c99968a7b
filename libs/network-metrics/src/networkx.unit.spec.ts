// Live comparison with networkx on 20 random seeded graphs (various sizes, weighted or not, groups,
// isolated nodes, ids that need CSV quoting): reference/networkx_reference.py reads the same CSV
// files with Python's csv module and computes the report with networkx. Skipped, with the reason
// printed, where python3 or networkx is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphFromCsv } from './csv';
import { OpennessReport, openness } from './openness';
import { expectSameReport } from './same-report.spec';

const SCRIPT = join(__dirname, '..', 'reference', 'networkx_reference.py');
const probe = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
const skipReason =
  probe.error !== undefined ? `python3 not runnable (${probe.error.message})` : probe.status !== 0 ? `networkx not importable: ${probe.stderr.trim().split('\n').pop()}` : undefined;
if (skipReason) console.warn(`networkx live comparison skipped: ${skipReason}`);

/** mulberry32 */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A random graph as CSV: `nodes` nodes, about `density` of the pairs tied, `groups` groups. */
function randomCsv(seed: number): { edges: string; groups: string; nodes: number } {
  const rnd = prng(seed);
  const n = 2 + Math.floor(rnd() * (seed % 4 === 0 ? 150 : 40));
  const density = 0.02 + rnd() * 0.4;
  const groupCount = 1 + Math.floor(rnd() * 6);
  const weighted = seed % 3 !== 0;
  const id = (i: number) => (i % 7 === 3 ? `n${i}, "q"` : `n${i}`);
  const groupLines = ['node,group'];
  for (let i = 0; i < n; i++) groupLines.push(`${quote(id(i))},${quote(`g ${Math.floor(rnd() * groupCount)}`)}`);
  const edgeLines = [weighted ? 'source,target,weight' : 'source,target'];
  const isolated = new Set(Array.from({ length: Math.floor(n / 10) }, () => Math.floor(rnd() * n)));
  const target = Math.min(Math.round((density * n * (n - 1)) / 2), 600);
  const seen = new Set<string>();
  for (let tries = 0; seen.size < target && tries < target * 10; tries++) {
    const a = Math.floor(rnd() * n);
    const b = Math.floor(rnd() * n);
    if (a === b || isolated.has(a) || isolated.has(b) || seen.has(`${Math.min(a, b)}-${Math.max(a, b)}`)) continue;
    seen.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
    const w = weighted ? (rnd() < 0.5 ? String(1 + Math.floor(rnd() * 5)) : (0.01 + rnd() * 10).toPrecision(6)) : undefined;
    edgeLines.push([quote(id(a)), quote(id(b)), ...(w ? [w] : [])].join(','));
  }
  return { edges: edgeLines.join('\n') + '\n', groups: groupLines.join('\r\n') + '\r\n', nodes: n };
}

(skipReason ? describe.skip : describe)('openness equals networkx on 20 random graphs (live)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opn-networkx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Array.from({ length: 20 }, (_, k) => k + 1))('seed %i', (seed) => {
    const csv = randomCsv(seed);
    const edgesFile = join(dir, `edges-${seed}.csv`);
    const groupsFile = join(dir, `groups-${seed}.csv`);
    writeFileSync(edgesFile, csv.edges);
    writeFileSync(groupsFile, csv.groups);
    const python = spawnSync('python3', [SCRIPT, 'openness', '--edges', edgesFile, '--groups', groupsFile], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (python.status !== 0) throw new Error(`networkx_reference.py failed: ${python.stderr}`);
    const expected = JSON.parse(python.stdout) as OpennessReport;
    const { graph, groups } = graphFromCsv({ edges: csv.edges, groups: csv.groups });
    const actual = openness(graph, groups);
    expect(actual.nodes).toHaveLength(csv.nodes);
    expectSameReport(actual, expected);
  });
});
