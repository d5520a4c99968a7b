import { Graph, graphFromIndexedEdges } from '@opn/network-metrics';
import { LinkModel, LinkScorer, PeopleGraph, WarmPathFinder, carryLinkModel, learnLinkModel, peopleGraph } from '@opn/recommender';
import type { TieKind } from '@opn/relations-contracts';
import type { NetworkIndex } from './network.index';

/**
 * Strength of the ties the graphs are built from, each in (0, 1] (the chance a tie carries an
 * introduction, ADR 0016): a declared personal tie is its strength (1 to 5) / 5; having been in a
 * collective together 0.4; being colleagues of a company of at most COLLEAGUES_MAX members now 0.6.
 */
export const ALUMNI_STRENGTH = 0.4;
export const COLLEAGUE_STRENGTH = 0.6;
/** Above this many members, a company's people are not all taken as knowing each other. */
export const COLLEAGUES_MAX = 100;
/** Weight of an active company relation, plus this for each agreement on a need it carried. */
export const AGREEMENT_WEIGHT = 1;

/** Why two people are tied, for the explanation of each hop of a warm path. */
export interface TieBasis {
  kinds?: TieKind[];
  /** Collectives they were in together (names). */
  collectives?: string[];
  /** A company they both belong to now. */
  colleaguesAt?: string;
}

export interface PeopleNetwork {
  graph: Graph;
  paths: PeopleGraph;
  finder: WarmPathFinder;
  /** Why two people are tied (undefined: they are not). */
  basis: (a: string, b: string) => TieBasis | undefined;
}

export interface CompanyNetwork {
  graph: Graph;
}

/**
 * Undirected weighted edges between known nodes, keyed by their indexes (a graph of 100,000 ties
 * is built in tens of milliseconds, where string keys per pair cost most of a second), with the
 * basis of each edge when asked for.
 */
class EdgeSet<B extends object = never> {
  private readonly index: Map<string, number>;
  private readonly weight = new Map<number, number>();
  private readonly why = new Map<number, B>();

  constructor(readonly ids: string[]) {
    this.index = new Map(ids.map((id, i) => [id, i]));
  }

  private keyOf(i: number | undefined, j: number | undefined): number | undefined {
    if (i === undefined || j === undefined || i === j) return undefined;
    return i < j ? i * this.ids.length + j : j * this.ids.length + i;
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  /**
   * Adds an edge between node indexes (combining its weight with an earlier one's) and returns its
   * basis to complete (created by `blank` the first time), or undefined when there is no such edge.
   */
  add(i: number | undefined, j: number | undefined, w: number, combine: (x: number, y: number) => number, blank?: () => B): B | undefined {
    const key = this.keyOf(i, j);
    if (key === undefined) return undefined;
    const before = this.weight.get(key);
    this.weight.set(key, before === undefined ? w : combine(before, w));
    if (!blank) return undefined;
    let basis = this.why.get(key);
    if (!basis) this.why.set(key, (basis = blank()));
    return basis;
  }

  basisOf = (a: string, b: string): B | undefined => {
    const key = this.keyOf(this.index.get(a), this.index.get(b));
    return key === undefined ? undefined : this.why.get(key);
  };

  graph(): Graph {
    const n = this.ids.length;
    const m = this.weight.size;
    const s = new Int32Array(m);
    const t = new Int32Array(m);
    const w = new Float64Array(m);
    let e = 0;
    for (const [key, weight] of this.weight) {
      s[e] = Math.floor(key / n);
      t[e] = key % n;
      w[e++] = weight;
    }
    return graphFromIndexedEdges(this.ids, s, t, w);
  }
}

/**
 * The people graph: members-visible personal ties, alumni ties and colleagues. Only people known
 * and not erased are nodes; brokers are those who consented to `warm_introductions`.
 */
export function buildPeopleNetwork(n: NetworkIndex): PeopleNetwork {
  const ids = [...n.people.entries()].filter(([, p]) => !p.erased).map(([id]) => id).sort();
  const edges = new EdgeSet<TieBasis>(ids);
  const at = (id: string) => edges.indexOf(id);
  const max = Math.max;
  const blank = (): TieBasis => ({});
  for (const tie of n.ties.values()) {
    if (tie.visibility !== 'members') continue;
    const basis = edges.add(at(tie.people[0]), at(tie.people[1]), Math.min(1, tie.strength / 5), max, blank);
    if (basis) basis.kinds = tie.kinds;
  }
  for (const a of n.alumni.values()) {
    const basis = edges.add(at(a.personIds[0]), at(a.personIds[1]), ALUMNI_STRENGTH, max, blank);
    if (basis) basis.collectives = [...(basis.collectives ?? []), a.collectiveName].sort();
  }
  for (const companyId of n.companiesWithMembers().sort()) {
    const members = n.membersOf(companyId).map(at);
    if (members.length > COLLEAGUES_MAX) continue;
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const basis = edges.add(members[i], members[j], COLLEAGUE_STRENGTH, max, blank);
        if (basis && !basis.colleaguesAt) basis.colleaguesAt = companyId;
      }
  }
  const graph = edges.graph();
  const brokers: number[] = [];
  ids.forEach((id, i) => n.people.get(id)!.consents?.warm_introductions && brokers.push(i));
  const ties: { a: number; b: number; strength: number }[] = [];
  for (let a = 0; a < ids.length; a++)
    for (let k = graph.offsets[a]; k < graph.offsets[a + 1]; k++) if (graph.neighbours[k] > a) ties.push({ a, b: graph.neighbours[k], strength: graph.weights[k] });
  const paths = peopleGraph(ids, ties, brokers);
  return { graph, paths, finder: new WarmPathFinder(paths), basis: edges.basisOf };
}

/**
 * The company graph: active relations (1 + their agreements), and the members-visible personal
 * ties (strength / 5 each) and alumni ties (0.4 each) between the people of two companies.
 */
export function buildCompanyNetwork(n: NetworkIndex, only?: ReadonlySet<string>): CompanyNetwork {
  const ids = [...n.firms.keys()].filter((id) => !only || only.has(id)).sort();
  const edges = new EdgeSet(ids);
  const at = (id: string | null) => (id === null ? undefined : edges.indexOf(id));
  const sum = (x: number, y: number) => x + y;
  for (const r of n.relations.values()) if (r.active) edges.add(at(r.companies[0]), at(r.companies[1]), 1 + AGREEMENT_WEIGHT * r.agreements, sum);
  for (const tie of n.ties.values()) {
    if (tie.visibility !== 'members') continue;
    const a = n.companiesOfPerson(tie.people[0]);
    const b = n.companiesOfPerson(tie.people[1]);
    for (const x of a) for (const y of b) edges.add(at(x), at(y), tie.strength / 5, sum);
  }
  for (const t of n.alumni.values()) edges.add(at(t.companyIds[0]), at(t.companyIds[1]), ALUMNI_STRENGTH, sum);
  return { graph: edges.graph() };
}

/** Up to this many ties, communities are found again at every change (Louvain takes milliseconds there); beyond, they are kept until the next learning. */
export const RECOMPUTE_COMMUNITIES_MAX_TIES = 20_000;

/**
 * What the link models learned, per graph: learned again from the graph as it is when older than
 * `relearnMs`, else carried over so that each event does not cost a learning (seconds on a large
 * graph): the learned settings are kept, and communities recomputed on graphs of up to
 * RECOMPUTE_COMMUNITIES_MAX_TIES ties (a territory's), kept by id on larger ones.
 */
export class LearnedModels {
  private readonly learned = new Map<string, { model: LinkModel; graph: Graph; at: number }>();

  constructor(
    private readonly relearnMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  modelFor(name: string, graph: Graph): LinkModel {
    const before = this.learned.get(name);
    const now = this.now();
    if (before && now - before.at < this.relearnMs) return carryLinkModel(before.model, before.graph, graph, graph.edgeCount <= RECOMPUTE_COMMUNITIES_MAX_TIES ? 'recompute' : 'keep');
    const model = learnLinkModel(graph, { top: 10 });
    this.learned.set(name, { model, graph, at: now });
    return model;
  }
}

/** A graph with its model and one scorer per mode, as a query uses them. */
export interface ScoredNetwork {
  graph: Graph;
  model: LinkModel;
  accurate: LinkScorer;
  bridging: LinkScorer;
}

export function scoredNetwork(graph: Graph, model: LinkModel): ScoredNetwork {
  return { graph, model, accurate: new LinkScorer(graph, 'accurate', model), bridging: new LinkScorer(graph, 'bridging', model) };
}
