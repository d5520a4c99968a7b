// Shared helpers of the benchmark command (test/bench/run.ts): configuration, timing,
// alternating rounds, medians and result rows. Not part of the test suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@opn/kernel';

export interface BenchConfig {
  /** Multiplies every size (BENCH_SCALE, default 1; 0.2 for a quick run). */
  scale: number;
  /** Measured rounds after the warm-up (BENCH_ROUNDS, default 3). */
  rounds: number;
  /** Which groups run (BENCH_ONLY=append,emmett,relay,projection; default all). */
  only: Set<string>;
  /** Temp dir for every SQLite file of the run (one disk for all sides). */
  dir: string;
}

export const GROUPS = ['append', 'emmett', 'relay', 'projection', 'directory', 'http', 'scaling', 'network', 'dashboard', 'reco'] as const;
export type Group = (typeof GROUPS)[number];

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<BenchConfig, 'dir'> {
  const scale = env.BENCH_SCALE ? Number(env.BENCH_SCALE) : 1;
  const rounds = env.BENCH_ROUNDS ? Number(env.BENCH_ROUNDS) : 3;
  if (!(scale > 0)) throw new Error(`BENCH_SCALE must be a positive number, got ${env.BENCH_SCALE}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, got ${env.BENCH_ROUNDS}`);
  const only = new Set<string>(
    (env.BENCH_ONLY ?? GROUPS.join(','))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const g of only) if (!(GROUPS as readonly string[]).includes(g)) throw new Error(`unknown BENCH_ONLY group ${g}`);
  return { scale, rounds, only };
}

export const scaled = (config: Pick<BenchConfig, 'scale'>, base: number, min = 1): number =>
  Math.max(min, Math.round(base * config.scale));

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'opn-bench-'));
}

export function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

const started = Date.now();
/** Progress on stderr (stdout carries only the results). */
export function log(message: string): void {
  const s = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One timed run of one side. */
export interface Sample {
  /** Events (or messages, documents...) processed. */
  events: number;
  seconds: number;
}

export const rate = (s: Sample): number => s.events / s.seconds;

export async function timed(events: number, fn: () => Promise<unknown>): Promise<Sample> {
  const t0 = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { events, seconds };
}

/** Nearest-rank percentile (0 < q <= 1) of values sorted ascending. */
export const percentile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** What one run of one side measured: metric name -> sample (most sides measure one metric). */
export type Samples = Record<string, Sample>;

/**
 * A warm-up pass (results dropped), then `rounds` rounds that run every side once, the order
 * reversed every other round (A B C, C B A, ...) so drift on the machine does not favour a side.
 * Returns, per side and metric, the samples of the measured rounds.
 */
export async function alternate<K extends string>(
  label: string,
  rounds: number,
  sides: Record<K, (round: number, warmup: boolean) => Promise<Samples>>,
): Promise<Record<K, Record<string, Sample[]>>> {
  const names = Object.keys(sides) as K[];
  const out = Object.fromEntries(names.map((n) => [n, {}])) as Record<K, Record<string, Sample[]>>;
  log(`${label}: warm-up`);
  for (const n of names) await sides[n](0, true);
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? names : [...names].reverse();
    for (const n of order) {
      const samples = await sides[n](round, false);
      const parts: string[] = [];
      const bySide: Record<string, Sample[]> = out[n];
      for (const [metric, s] of Object.entries(samples)) {
        (bySide[metric] ??= []).push(s);
        parts.push(`${metric} ${fmtRate(rate(s))}/s (${s.events} in ${s.seconds.toFixed(2)} s)`);
      }
      log(`${label}: round ${round}/${rounds}: ${n}: ${parts.length ? parts.join(', ') : 'skipped'}`);
    }
  }
  return out;
}

export interface Side {
  label: string;
  unit: string;
  /** Median throughput over the rounds. */
  perSecond: number;
  samples: Sample[];
  /** Set when this side could not complete (e.g. a timeout): the row then fails. */
  failed?: string;
  /** Shown instead of the rate, for rows that are not throughputs (latency percentiles). */
  display?: string;
}

export interface Row {
  id: string;
  what: string;
  ours: Side;
  baseline?: Side;
  /** ours / baseline (medians), or undefined for an absolute bar. */
  ratio?: number;
  /** `min`: the lowest passing value; for an upper bound (`max` set, e.g. a latency or a cost ratio) `min` repeats it. */
  bar: { kind: 'ratio' | 'absolute'; min: number; max?: number; text: string };
  pass: boolean;
  notes?: string;
}

export function side(label: string, samples: Sample[], unit = 'ev', failed?: string): Side {
  return { label, unit, perSecond: samples.length ? median(samples.map(rate)) : 0, samples, failed };
}

export function ratioRow(id: string, what: string, ours: Side, baseline: Side, min: number, notes?: string): Row {
  const ratio = ours.perSecond / baseline.perSecond;
  const pass = ratio >= min && !ours.failed && !baseline.failed;
  return { id, what, ours, baseline, ratio, bar: { kind: 'ratio', min, text: `>= ${min}x` }, pass, notes };
}

export function absoluteRow(id: string, what: string, ours: Side, min: number, notes?: string): Row {
  return {
    id,
    what,
    ours,
    bar: { kind: 'absolute', min, text: `>= ${fmtRate(min)} ${ours.unit}/s` },
    pass: ours.perSecond >= min && !ours.failed,
    notes,
  };
}

/** A bar on a latency: `value` (ms) must be at most `max`. */
export function latencyRow(id: string, what: string, label: string, valueMs: number, max: number, notes?: string): Row {
  const ours: Side = { label, unit: 'ms', perSecond: 0, samples: [], display: `${valueMs.toFixed(1)} ms` };
  return { id, what, ours, bar: { kind: 'absolute', min: max, max, text: `<= ${max} ms` }, pass: valueMs <= max, notes };
}

/**
 * A bar on how a cost grows: the cost per operation at a large size over the cost at a small one,
 * which must be at most `max` (e.g. 2x). Both sides show their cost (µs per operation).
 */
export function costRatioRow(
  id: string,
  what: string,
  at: { label: string; us: number; failed?: string },
  base: { label: string; us: number; failed?: string },
  max: number,
  notes?: string,
): Row {
  const sideOf = (s: typeof at): Side => ({
    label: s.label,
    unit: 'µs/op',
    perSecond: s.us > 0 ? 1e6 / s.us : 0,
    samples: [],
    failed: s.failed,
    display: `${fmtRate(s.us)} µs/op`,
  });
  const ratio = at.us / base.us;
  const pass = !at.failed && !base.failed && Number.isFinite(ratio) && ratio <= max;
  return { id, what, ours: sideOf(at), baseline: sideOf(base), ratio, bar: { kind: 'ratio', min: max, max, text: `<= ${max}x` }, pass, notes };
}

export const fmtRate = (n: number): string =>
  n >= 100 ? Math.round(n).toLocaleString('en-US') : n >= 10 ? n.toFixed(1) : n.toFixed(2);

/** A deterministic PRNG (the kernel's mulberry32) so every side gets exactly the same generated data. */
export const prng = seededRandom;

export const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
