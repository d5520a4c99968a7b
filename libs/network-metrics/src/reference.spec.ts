// Test helper (not a suite): the networkx reference script run in a child process, the reason to
// skip when python3 or networkx is missing, a seeded PRNG for random graphs, and the fixture graphs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '@opn/kernel';
import { graphFromEdges } from './graph';
import type { OpennessReport } from './openness';

export const REFERENCE_SCRIPT = join(__dirname, '..', 'reference', 'networkx_reference.py');

const probe = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
/** Why the live networkx comparisons cannot run here; undefined when they can. */
export const networkxSkipReason: string | undefined =
  probe.error !== undefined ? `python3 not runnable (${probe.error.message})` : probe.status !== 0 ? `networkx not importable: ${probe.stderr.trim().split('\n').pop()}` : undefined;

/** Runs reference/networkx_reference.py with these arguments and parses its JSON output. */
export function runReference<T>(args: string[]): T {
  const python = spawnSync('python3', [REFERENCE_SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (python.status !== 0) throw new Error(`networkx_reference.py ${args[0]} failed: ${python.stderr}`);
  return JSON.parse(python.stdout) as T;
}

/** mulberry32 (the kernel's seeded generator) */
export const prng = seededRandom;

/** A fixture graph of reference/fixtures.json with the report networkx_reference.py wrote for it. */
export interface Fixture {
  edges: [string, string, number?][];
  groups: Record<string, string>;
  expected: OpennessReport;
}

// Written by reference/networkx_reference.py (networkx's constraint and effective_size).
export const { fixtures } = JSON.parse(readFileSync(join(__dirname, '..', 'reference', 'fixtures.json'), 'utf8')) as {
  fixtures: Record<string, Fixture>;
};

/** The fixture's graph, with every node of its groups (isolated ones included). */
export const graphOfFixture = (f: Fixture) =>
  graphFromEdges(
    f.edges.map(([source, target, weight]) => ({ source, target, weight })),
    Object.keys(f.groups),
  );
