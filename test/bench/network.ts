// Row of the network openness issue: "`npm run -s network -- openness` handles 20,000 nodes and
// 100,000 edges in under 10 s; metrics equal to an independent implementation".
//
// A seeded graph (BENCH_SCALE x 20,000 nodes in 20 groups, 5 edges per node, 70 % of them inside
// the group, weights 1-5 or decimals, 1 % of the nodes without edges) is written as the two CSV
// files, then the offline command runs as a child process (`node dist/tools/network.js openness`,
// what `npm run -s network` runs after its build): wall time from spawn to exit, the median of
// BENCH_ROUNDS runs after a warm-up. Baseline in the same run: the same files through
// libs/network-metrics/reference/networkx_reference.py (Python's csv module + networkx), timed once,
// and every metric of the two reports compared to 1e-9. The row fails when the reports differ.
// BENCH_NETWORKX=0 skips networkx (its pure-Python constraint is O(sum of degree^3)).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@opn/infra';
import { BenchConfig, Row, latencyRow, log, median, prng, scaled } from './lib';

interface Report {
  ei: number | null;
  groups: { group: string; internal: number; external: number; ei: number | null }[];
  nodes: { id: string; degree: number; constraint: number | null; effectiveSize: number | null }[];
}

function writeGraph(dir: string, nodes: number, edges: number, groups: number): { edgesFile: string; groupsFile: string } {
  const rnd = prng(20_000);
  const groupOf = Array.from({ length: nodes }, (_, i) => i % groups);
  const members: number[][] = Array.from({ length: groups }, () => []);
  const isolated = new Set<number>();
  for (let i = 0; i < nodes; i++) {
    if (rnd() < 0.01) isolated.add(i);
    else members[groupOf[i]].push(i);
  }
  const connected = members.flat();
  const seen = new Set<number>();
  const lines = ['source,target,weight'];
  while (lines.length - 1 < edges) {
    const a = connected[Math.floor(rnd() * connected.length)];
    const pool = rnd() < 0.7 ? members[groupOf[a]] : connected;
    const b = pool[Math.floor(rnd() * pool.length)];
    if (a === b) continue;
    const key = Math.min(a, b) * nodes + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    const w = rnd() < 0.5 ? String(1 + Math.floor(rnd() * 5)) : (0.1 + rnd() * 5).toFixed(3);
    lines.push(`c${a},c${b},${w}`);
  }
  const edgesFile = join(dir, 'network-edges.csv');
  const groupsFile = join(dir, 'network-groups.csv');
  writeFileSync(edgesFile, lines.join('\n') + '\n');
  writeFileSync(groupsFile, ['node,group', ...groupOf.map((g, i) => `c${i},territory ${String(g).padStart(2, '0')}`)].join('\n') + '\n');
  return { edgesFile, groupsFile };
}

function runTimed(command: string, args: string[]): { seconds: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

/** The largest difference between the two reports' numbers, or a description of a structural difference. */
function compare(ours: Report, theirs: Report): { maxDiff: number; mismatch?: string } {
  let maxDiff = 0;
  const num = (a: number | null, b: number | null, what: string): string | undefined => {
    if (a === null || b === null) return a === b ? undefined : `${what}: ${a} vs ${b}`;
    maxDiff = Math.max(maxDiff, Math.abs(a - b));
    return undefined;
  };
  let m = num(ours.ei, theirs.ei, 'ei');
  if (ours.groups.length !== theirs.groups.length || ours.nodes.length !== theirs.nodes.length) return { maxDiff, mismatch: 'different group or node counts' };
  ours.groups.forEach((g, k) => {
    const t = theirs.groups[k];
    if (g.group !== t.group || g.internal !== t.internal || g.external !== t.external) m ??= `group ${g.group} differs`;
    m ??= num(g.ei, t.ei, `ei of ${g.group}`);
  });
  ours.nodes.forEach((n, k) => {
    const t = theirs.nodes[k];
    if (n.id !== t.id || n.degree !== t.degree) m ??= `node ${n.id} differs`;
    m ??= num(n.constraint, t.constraint, `constraint of ${n.id}`);
    m ??= num(n.effectiveSize, t.effectiveSize, `effective size of ${n.id}`);
  });
  return { maxDiff, mismatch: m ?? (maxDiff > 1e-9 ? `a metric differs by ${maxDiff}` : undefined) };
}

export async function benchNetwork(config: BenchConfig): Promise<Row[]> {
  const nodes = scaled(config, 20_000, 100);
  const edges = scaled(config, 100_000, 500);
  const { edgesFile, groupsFile } = writeGraph(config.dir, nodes, edges, 20);
  const root = repoRoot();
  const cli = join(root, 'dist', 'tools', 'network.js');
  const args = [cli, 'openness', '--edges', edgesFile, '--groups', groupsFile];
  log(`network: ${nodes.toLocaleString('en-US')} nodes, ${edges.toLocaleString('en-US')} edges, 20 groups; warm-up`);
  const warm = runTimed(process.execPath, args);
  const times: number[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    const r = runTimed(process.execPath, args);
    times.push(r.seconds);
    log(`network: round ${round}/${config.rounds}: ${r.seconds.toFixed(2)} s`);
  }
  const ours = JSON.parse(warm.stdout) as Report;
  const wall = median(times);

  const notes = [`node dist/tools/network.js openness as a child process (reading the CSV files, JSON on stdout), median of ${config.rounds} runs: ${times.map((t) => t.toFixed(2)).join(', ')} s`];
  let matches = true;
  const probe = spawnSync('python3', ['-c', 'import networkx; print(networkx.__version__)'], { encoding: 'utf8' });
  if (process.env.BENCH_NETWORKX === '0') notes.push('networkx baseline skipped (BENCH_NETWORKX=0)');
  else if (probe.status !== 0) notes.push(`networkx baseline skipped: ${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}`);
  else {
    log(`network: the same files through networkx ${probe.stdout.trim()} (pure Python, may take minutes)...`);
    const script = join(root, 'libs', 'network-metrics', 'reference', 'networkx_reference.py');
    const nx = runTimed('python3', [script, 'openness', '--edges', edgesFile, '--groups', groupsFile]);
    const { maxDiff, mismatch } = compare(ours, JSON.parse(nx.stdout) as Report);
    matches = mismatch === undefined;
    log(`network: networkx ${nx.seconds.toFixed(1)} s; ${matches ? 'all metrics match' : `MISMATCH: ${mismatch}`} (largest difference ${maxDiff.toExponential(2)})`);
    notes.push(
      `baseline networkx ${probe.stdout.trim()} on the same files (networkx_reference.py): ${nx.seconds.toFixed(1)} s (${(nx.seconds / wall).toFixed(0)}x ours); ` +
        `${matches ? 'every metric matches to 1e-9' : `metrics differ: ${mismatch}`} (largest difference ${maxDiff.toExponential(2)})`,
    );
  }
  const row = latencyRow(
    'network-openness-wall',
    `network openness command, ${nodes.toLocaleString('en-US')} nodes and ${edges.toLocaleString('en-US')} edges, wall time`,
    'wall',
    wall * 1000,
    10_000,
    notes.join('; '),
  );
  return [{ ...row, pass: row.pass && matches }];
}
