// Live comparison with networkx on 20 random seeded graphs (various sizes, weighted or not, groups,
// isolated nodes, ids that need CSV quoting): reference/networkx_reference.py reads the same CSV
// files with Python's csv module and computes the report with networkx. Skipped, with the reason
// printed, where python3 or networkx is missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphFromCsv } from './csv';
import { OpennessReport, openness } from './openness';
import { networkxSkipReason, prng, runReference } from './reference.spec';
import { expectSameReport } from './same-report.spec';

if (networkxSkipReason) console.warn(`networkx live comparison skipped: ${networkxSkipReason}`);

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

(networkxSkipReason ? describe.skip : describe)('openness equals networkx on 20 random graphs (live)', () => {
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
    const expected = runReference<OpennessReport>(['openness', '--edges', edgesFile, '--groups', groupsFile]);
    const { graph, groups } = graphFromCsv({ edges: csv.edges, groups: csv.groups });
    const actual = openness(graph, groups);
    expect(actual.nodes).toHaveLength(csv.nodes);
    expectSameReport(actual, expected);
  });
});
