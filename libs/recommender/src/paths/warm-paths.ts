// Warm introductions: the strongest short paths from a person to a company through people who
// consented to broker introductions. A path is the person, zero to two brokers, then someone of
// the target company; its strength is the product of its ties' strengths (each in (0, 1], the
// chance that the tie carries an introduction). For each sequence of brokers only its strongest
// ending counts, so the answer lists different ways in, best first (ties: fewer hops, then the
// people's indexes); a direct tie to someone of the company is a way in of its own. Meet in the middle: the company's side is walked once (best ending per
// broker), then the person's two hops, so a query costs the company's people's degrees plus the
// person's neighbourhood, not every path.

export interface PeopleGraph {
  /** Person ids; a person's index is its position. */
  readonly ids: readonly string[];
  /** Ties as compressed rows: neighbours of i at offsets[i]..offsets[i+1]-1, with their strength. */
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly strengths: Float64Array;
  /** 1 when the person consented to broker introductions. */
  readonly brokers: Uint8Array;
}

export interface WarmPath {
  /** Person indexes: the person, the brokers, then the person of the target company. */
  people: number[];
  strength: number;
}

/** Builds the compressed rows from undirected ties (strength in (0, 1]); duplicates keep the strongest. */
export function peopleGraph(ids: readonly string[], ties: readonly { a: number; b: number; strength: number }[], brokers: Iterable<number>): PeopleGraph {
  const n = ids.length;
  const best = new Map<number, number>();
  for (const t of ties) {
    if (t.a === t.b || !(t.strength > 0 && t.strength <= 1)) throw new Error(`bad tie ${t.a}-${t.b} (${t.strength})`);
    const key = Math.min(t.a, t.b) * n + Math.max(t.a, t.b);
    best.set(key, Math.max(best.get(key) ?? 0, t.strength));
  }
  const offsets = new Int32Array(n + 1);
  for (const key of best.keys()) {
    offsets[Math.floor(key / n) + 1]++;
    offsets[(key % n) + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const neighbours = new Int32Array(offsets[n]);
  const strengths = new Float64Array(offsets[n]);
  for (const [key, s] of best) {
    const a = Math.floor(key / n);
    const b = key % n;
    neighbours[fill[a]] = b;
    strengths[fill[a]++] = s;
    neighbours[fill[b]] = a;
    strengths[fill[b]++] = s;
  }
  const flags = new Uint8Array(n);
  for (const b of brokers) flags[b] = 1;
  return { ids, offsets, neighbours, strengths, brokers: flags };
}

/** Compares two paths: stronger first, then fewer hops, then the people's indexes. */
export function comparePaths(a: WarmPath, b: WarmPath): number {
  if (a.strength !== b.strength) return b.strength - a.strength;
  if (a.people.length !== b.people.length) return a.people.length - b.people.length;
  for (let i = 0; i < a.people.length; i++) if (a.people[i] !== b.people[i]) return a.people[i] - b.people[i];
  return 0;
}

/** Up to three best endings per broker: a person of the company and the tie's strength. */
interface Endings {
  people: number[];
  strengths: number[];
}

export class WarmPathFinder {
  private readonly endings = new Map<number, Endings>();

  constructor(private readonly graph: PeopleGraph) {}

  /**
   * The `top` strongest paths from `from` to any of `targets` (the company's people), with at most
   * `maxBrokers` brokers (0 to 2). A direct tie to someone of the company is a path with no broker.
   */
  find(from: number, targets: ArrayLike<number>, top: number, maxBrokers = 2): WarmPath[] {
    const { offsets, neighbours, strengths, brokers } = this.graph;
    const isTarget = new Set<number>();
    for (let i = 0; i < targets.length; i++) if (targets[i] !== from) isTarget.add(targets[i]);
    // The company's side: each broker's best endings (kept three deep, so that an ending equal to
    // the person or to the first broker can be skipped).
    const endings = this.endings;
    endings.clear();
    for (const t of isTarget) {
      for (let k = offsets[t]; k < offsets[t + 1]; k++) {
        const b = neighbours[k];
        if (!brokers[b]) continue;
        let e = endings.get(b);
        if (!e) endings.set(b, (e = { people: [], strengths: [] }));
        insertEnding(e, t, strengths[k]);
      }
    }
    const found: WarmPath[] = [];
    const offer = (people: number[], strength: number): void => {
      const path = { people, strength };
      if (found.length < top) {
        found.push(path);
        found.sort(comparePaths);
      } else if (comparePaths(path, found[found.length - 1]) < 0) {
        found[found.length - 1] = path;
        found.sort(comparePaths);
      }
    };
    const endingOf = (b: number, avoid1: number, avoid2: number): { person: number; strength: number } | null => {
      const e = endings.get(b);
      if (!e) return null;
      for (let i = 0; i < e.people.length; i++) if (e.people[i] !== avoid1 && e.people[i] !== avoid2) return { person: e.people[i], strength: e.strengths[i] };
      return null;
    };
    for (let k = offsets[from]; k < offsets[from + 1]; k++) {
      const b1 = neighbours[k];
      const s1 = strengths[k];
      if (isTarget.has(b1)) offer([from, b1], s1);
      if (!brokers[b1] || maxBrokers < 1) continue;
      const end = endingOf(b1, from, b1);
      if (end) offer([from, b1, end.person], s1 * end.strength);
      if (maxBrokers < 2) continue;
      for (let j = offsets[b1]; j < offsets[b1 + 1]; j++) {
        const b2 = neighbours[j];
        if (b2 === from || !brokers[b2]) continue;
        // A bound first: the strongest possible ending cannot beat the weakest path kept.
        const s12 = s1 * strengths[j];
        const e2 = endings.get(b2);
        if (!e2 || (found.length === top && s12 * e2.strengths[0] < found[found.length - 1].strength)) continue;
        const end2 = endingOf(b2, from, b1);
        if (end2) offer([from, b1, b2, end2.person], s12 * end2.strength);
      }
    }
    return found;
  }
}

function insertEnding(e: Endings, person: number, strength: number): void {
  let i = e.people.length;
  while (i > 0 && (e.strengths[i - 1] < strength || (e.strengths[i - 1] === strength && e.people[i - 1] > person))) i--;
  if (i >= 3) return;
  e.people.splice(i, 0, person);
  e.strengths.splice(i, 0, strength);
  if (e.people.length > 3) {
    e.people.length = 3;
    e.strengths.length = 3;
  }
}

/**
 * The same answer by enumerating every simple path of 1 to maxBrokers + 1 ties (for the tests):
 * for each broker sequence its strongest ending, every direct tie to the company, all sorted by
 * comparePaths.
 */
export function warmPathsBruteForce(graph: PeopleGraph, from: number, targets: ArrayLike<number>, top: number, maxBrokers = 2): WarmPath[] {
  const isTarget = new Set<number>();
  for (let i = 0; i < targets.length; i++) if (targets[i] !== from) isTarget.add(targets[i]);
  const best = new Map<string, WarmPath>();
  const walk = (path: number[], strength: number): void => {
    const last = path[path.length - 1];
    for (let k = graph.offsets[last]; k < graph.offsets[last + 1]; k++) {
      const next = graph.neighbours[k];
      if (path.includes(next)) continue;
      const s = strength * graph.strengths[k];
      if (isTarget.has(next)) {
        // One path per broker sequence; each direct acquaintance is a way in of its own.
        const key = path.length > 1 ? path.slice(1).join(',') : `direct ${next}`;
        const candidate = { people: [...path, next], strength: s };
        const previous = best.get(key);
        if (!previous || comparePaths(candidate, previous) < 0) best.set(key, candidate);
      }
      if (graph.brokers[next] && path.length <= maxBrokers) walk([...path, next], s);
    }
  };
  walk([from], 1);
  return [...best.values()].sort(comparePaths).slice(0, top);
}
