// Deterministic event payloads shared by every side of a comparison (same bytes on both sides).
import { pick, prng } from './lib';

export interface BenchEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: { correlationId: string; actor: string };
}

const CITIES = ['Lyon', 'Grenoble', 'Saint-Etienne', 'Annecy', 'Chambery', 'Valence', 'Villeurbanne', 'Clermont-Ferrand'];
const SECTORS = ['software', 'manufacturing', 'logistics', 'food', 'construction', 'consulting', 'retail', 'energy'];
const TAGS = ['b2b', 'export', 'hiring', 'green', 'startup', 'family-owned', 'certified', 'open-data', 'robotics', 'ai'];
const TYPES = ['CompanyProfileUpdated', 'CompanyNeedPublished', 'CompanyTagged', 'CompanyContactChanged'] as const;

const hex = (rnd: () => number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
  return s;
};

/** A command-sized event (~300 bytes of JSON) for stream `stream`, its `n`-th event. */
export function commandEvent(rnd: () => number, stream: number, n: number): BenchEvent {
  return {
    type: n === 0 ? 'CompanyRegistered' : pick(rnd, TYPES),
    data: {
      companyId: `c${String(stream).padStart(6, '0')}`,
      name: `Company ${stream} ${hex(rnd, 6)}`,
      city: pick(rnd, CITIES),
      sector: pick(rnd, SECTORS),
      employees: Math.floor(rnd() * 500),
      tags: [pick(rnd, TAGS), pick(rnd, TAGS)],
      website: `https://c${stream}.example.org/`,
      summary: `Need #${n}: ${hex(rnd, 40)}`,
    },
    metadata: { correlationId: `${hex(rnd, 8)}-${hex(rnd, 4)}-${hex(rnd, 4)}-${hex(rnd, 4)}-${hex(rnd, 12)}`, actor: `person-${hex(rnd, 8)}` },
  };
}

export interface PlannedAppend {
  stream: string;
  /** Events already in the stream before this append (0 = new stream). */
  before: number;
  events: BenchEvent[];
}

/**
 * `streams` streams, each receiving `appendsPerStream` appends of `perAppend` events, the appends
 * interleaved across streams (stream 0, 1, 2, ..., then their second append...) like commands.
 */
export function planAppends(
  prefix: string,
  streams: number,
  appendsPerStream: number,
  perAppend: number,
  seed: number,
): PlannedAppend[] {
  const rnd = prng(seed);
  const plan: PlannedAppend[] = [];
  for (let a = 0; a < appendsPerStream; a++) {
    for (let s = 0; s < streams; s++) {
      const before = a * perAppend;
      const events = Array.from({ length: perAppend }, (_, i) => commandEvent(rnd, s, before + i));
      plan.push({ stream: `${prefix}-${String(s).padStart(6, '0')}`, before, events });
    }
  }
  return plan;
}

export const countEvents = (plan: PlannedAppend[]): number => plan.reduce((n, p) => n + p.events.length, 0);
