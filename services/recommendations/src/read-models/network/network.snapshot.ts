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

/** Why two companies are tied in the company graph. */
export interface CompanyTieBasis {
  relation?: string;
  /** Personal ties between their people (members-visible only). */
  personalTies: number;
  alumniTies: number;
}

export interface PeopleNetwork {
  graph: Graph;
  paths: PeopleGraph;
  finder: WarmPathFinder;
  basis: Map<string, TieBasis>;
}

export interface CompanyNetwork {
  graph: Graph;
  basis: Map<string, CompanyTieBasis>;
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);

class EdgeSet {
  readonly weight = new Map<string, number>();
  add(a: string, b: string, w: number, combine: (x: number, y: number) => number): string {
    const key = pairKey(a, b);
    const before = this.weight.get(key);
    this.weight.set(key, before === undefined ? w : combine(before, w));
    return key;
  }
  graph(ids: string[]): Graph {
    const index = new Map(ids.map((id, i) => [id, i]));
    const s: number[] = [];
    const t: number[] = [];
    const w: number[] = [];
    for (const [key, weight] of this.weight) {
      const [a, b] = key.split(' ');
      const ia = index.get(a);
      const ib = index.get(b);
      if (ia === undefined || ib === undefined) continue;
      s.push(ia);
      t.push(ib);
      w.push(weight);
    }
    return graphFromIndexedEdges(ids, s, t, w);
  }
}

/**
 * The people graph: members-visible personal ties, alumni ties and colleagues. Only people known
 * and not erased are nodes; brokers are those who consented to `warm_introductions`.
 */
export function buildPeopleNetwork(n: NetworkIndex): PeopleNetwork {
  const ids = [...n.people.entries()].filter(([, p]) => !p.erased).map(([id]) => id).sort();
  const known = new Set(ids);
  const edges = new EdgeSet();
  const basis = new Map<string, TieBasis>();
  const note = (key: string, add: (b: TieBasis) => TieBasis) => basis.set(key, add(basis.get(key) ?? {}));
  for (const tie of n.ties.values()) {
    if (tie.visibility !== 'members' || !known.has(tie.people[0]) || !known.has(tie.people[1])) continue;
    const key = edges.add(tie.people[0], tie.people[1], Math.min(1, tie.strength / 5), Math.max);
    note(key, (b) => ({ ...b, kinds: tie.kinds }));
  }
  for (const a of n.alumni.values()) {
    if (!known.has(a.personIds[0]) || !known.has(a.personIds[1])) continue;
    const key = edges.add(a.personIds[0], a.personIds[1], ALUMNI_STRENGTH, Math.max);
    note(key, (b) => ({ ...b, collectives: [...(b.collectives ?? []), a.collectiveName].sort() }));
  }
  const byCompany = new Map<string, string[]>();
  for (const id of ids) for (const companyId of Object.keys(n.people.get(id)!.companies ?? {})) byCompany.set(companyId, [...(byCompany.get(companyId) ?? []), id]);
  for (const [companyId, members] of [...byCompany].sort(([x], [y]) => x.localeCompare(y))) {
    if (members.length > COLLEAGUES_MAX) continue;
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const key = edges.add(members[i], members[j], COLLEAGUE_STRENGTH, Math.max);
        note(key, (b) => (b.colleaguesAt ? b : { ...b, colleaguesAt: companyId }));
      }
  }
  const graph = edges.graph(ids);
  const brokers: number[] = [];
  ids.forEach((id, i) => n.people.get(id)!.consents?.warm_introductions && brokers.push(i));
  const paths = peopleGraph(
    ids,
    Array.from({ length: graph.edgeCount }, (_, e) => ({ a: graph.edgeSources[e], b: graph.edgeTargets[e], strength: edges.weight.get(pairKey(ids[graph.edgeSources[e]], ids[graph.edgeTargets[e]]))! })),
    brokers,
  );
  return { graph, paths, finder: new WarmPathFinder(paths), basis };
}

/**
 * The company graph: active relations (weighted by their agreements), and the members-visible
 * personal ties and alumni ties between the people of two companies.
 */
export function buildCompanyNetwork(n: NetworkIndex, only?: ReadonlySet<string>): CompanyNetwork {
  const ids = [...n.firms.keys()].filter((id) => !only || only.has(id)).sort();
  const edges = new EdgeSet();
  const basis = new Map<string, CompanyTieBasis>();
  const note = (key: string, add: (b: CompanyTieBasis) => CompanyTieBasis) => basis.set(key, add(basis.get(key) ?? { personalTies: 0, alumniTies: 0 }));
  const sum = (x: number, y: number) => x + y;
  for (const [relationId, r] of n.relations) {
    if (!r.active || r.companies[0] === r.companies[1]) continue;
    const key = edges.add(r.companies[0], r.companies[1], 1 + AGREEMENT_WEIGHT * r.agreements, sum);
    note(key, (b) => ({ ...b, relation: relationId }));
  }
  const companiesOf = (personId: string) => Object.keys(n.people.get(personId)?.companies ?? {});
  for (const tie of n.ties.values()) {
    if (tie.visibility !== 'members') continue;
    for (const a of companiesOf(tie.people[0]))
      for (const b of companiesOf(tie.people[1])) {
        if (a === b) continue;
        note(edges.add(a, b, tie.strength / 5, sum), (x) => ({ ...x, personalTies: x.personalTies + 1 }));
      }
  }
  for (const t of n.alumni.values()) {
    const [a, b] = t.companyIds;
    if (!a || !b || a === b) continue;
    note(edges.add(a, b, ALUMNI_STRENGTH, sum), (x) => ({ ...x, alumniTies: x.alumniTies + 1 }));
  }
  return { graph: edges.graph(ids), basis };
}

/**
 * What the link models learned, per graph: learned again from the graph as it is when older than
 * `relearnMs`, else carried over (communities recomputed) so that each event does not cost a
 * learning (seconds on a large graph).
 */
export class LearnedModels {
  private readonly learned = new Map<string, { model: LinkModel; at: number }>();

  constructor(
    private readonly relearnMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  modelFor(name: string, graph: Graph): LinkModel {
    const before = this.learned.get(name);
    const now = this.now();
    if (before && now - before.at < this.relearnMs) return carryLinkModel(before.model, graph);
    const model = learnLinkModel(graph, { top: 10 });
    this.learned.set(name, { model, at: now });
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
