// Partner search: companies ranked for a need by BM25F (Robertson and Zaragoza 2009) over their
// name, description, capabilities and offers, on the terms of analysis.ts (stemmed words and trade
// concepts in French and English), with filters (territory, size band, distance) and the reasons
// of each result: which of the need's words or concepts the company names, and where.
import { analyse, Language, languageOf, Term } from './analysis';
import { BROADER } from './thesaurus';

export interface CompanyDocument {
  id: string;
  name: string;
  description?: string;
  capabilities?: readonly string[];
  offers?: readonly string[];
  naf?: string;
  city?: string;
  lat?: number;
  lon?: number;
  /** Territories the company is a member of (for the territory filter). */
  territoryIds?: readonly string[];
  sizeBand?: string;
  /** Collaborations that reached an outcome: a small prior for companies that deliver. */
  outcomes?: number;
}

export interface NeedText {
  title: string;
  description?: string;
  capabilities?: readonly string[];
}

export interface SearchFilters {
  /** Only companies in at least one of these territories. */
  territoryIds?: readonly string[];
  sizeBands?: readonly string[];
  /** Only companies within `km` of the point (companies without coordinates are left out). */
  near?: { lat: number; lon: number; km: number };
  /** Companies never returned (the need's own company, say). */
  exclude?: readonly string[];
}

export const SEARCH_FIELDS = ['name', 'description', 'capabilities', 'offers'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** One reason a company came up: a term of the need found in one of its fields. */
export interface MatchReason {
  field: SearchField;
  /** The concept id when the match is a trade concept, else null (a word). */
  concept: string | null;
  /** The words as the need wrote them, and as the company wrote them. */
  needWords: string;
  companyWords: string;
}

export interface SearchHit {
  id: string;
  score: number;
  reasons: MatchReason[];
}

/** BM25F parameters: weight and length normalisation per field, saturation k1. */
const FIELD_WEIGHT: Record<SearchField, number> = { name: 1.5, description: 1, capabilities: 2.5, offers: 2.5 };
const FIELD_B: Record<SearchField, number> = { name: 0.3, description: 0.75, capabilities: 0.5, offers: 0.5 };
const K1 = 1.2;
/** A concept found in the need weighs this much against a plain word. */
const CONCEPT_WEIGHT = 2;
const OUTCOME_PRIOR = 0.15;
const COVERAGE_POWER = 3;
const F = SEARCH_FIELDS.length;

interface Posting {
  docs: number[];
  /** Term frequency per field, F numbers per posting. */
  tf: number[];
  /** Live companies in `docs` (the term's document frequency; removed ones stay until compaction). */
  live: number;
}

interface Slot {
  doc: CompanyDocument;
  language: Language;
  lengths: number[];
  terms: string[];
  alive: boolean;
}

export class PartnerIndex {
  private readonly slots: Slot[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, Posting>();
  private readonly lengthSum = new Float64Array(F);
  private alive = 0;
  private dead = 0;
  private scratch = new Float64Array(0);
  private stamp = new Int32Array(0);
  private epoch = 0;

  get size(): number {
    return this.alive;
  }

  /** Adds a company, or replaces the one with the same id. */
  upsert(doc: CompanyDocument): void {
    this.remove(doc.id);
    const language = languageOf([doc.name, doc.description ?? '', ...(doc.capabilities ?? []), ...(doc.offers ?? [])].join(' '));
    const index = this.slots.length;
    const lengths: number[] = [];
    const counts = new Map<string, number[]>();
    SEARCH_FIELDS.forEach((field, f) => {
      const terms = fieldTerms(doc, field, language);
      lengths.push(terms.length);
      this.lengthSum[f] += terms.length;
      for (const t of terms) {
        let c = counts.get(t.term);
        if (!c) counts.set(t.term, (c = new Array<number>(F).fill(0)));
        c[f]++;
      }
    });
    for (const [term, c] of counts) {
      let p = this.postings.get(term);
      if (!p) this.postings.set(term, (p = { docs: [], tf: [], live: 0 }));
      p.docs.push(index);
      p.live++;
      p.tf.push(...c);
    }
    this.slots.push({ doc, language, lengths, terms: [...counts.keys()], alive: true });
    this.byId.set(doc.id, index);
    this.alive++;
  }

  remove(id: string): boolean {
    const index = this.byId.get(id);
    if (index === undefined) return false;
    const slot = this.slots[index];
    slot.alive = false;
    slot.lengths.forEach((l, f) => (this.lengthSum[f] -= l));
    for (const term of slot.terms) this.postings.get(term)!.live--;
    this.byId.delete(id);
    this.alive--;
    this.dead++;
    if (this.dead > 1000 && this.dead > this.alive) this.compact();
    return true;
  }

  /** The `top` companies for a need, best first, with their reasons. */
  search(need: NeedText, top: number, filters: SearchFilters = {}): SearchHit[] {
    const query = queryTerms(need);
    const n = this.slots.length;
    if (this.scratch.length < n) {
      this.scratch = new Float64Array(Math.max(n, this.scratch.length * 2));
      this.stamp = new Int32Array(this.scratch.length);
    }
    const score = this.scratch;
    const stamp = this.stamp;
    const e = ++this.epoch;
    const touched: number[] = [];
    // Which of the need's concepts each company has: a company that covers them all comes first.
    const concepts = [...query.weights.keys()].filter((t) => t.startsWith('c:'));
    const covered = new Map<number, number>();
    const avg = SEARCH_FIELDS.map((_, f) => (this.alive ? this.lengthSum[f] / this.alive : 1) || 1);
    for (const [term, weight] of query.weights) {
      const p = this.postings.get(term);
      if (!p || p.live === 0) continue;
      const df = p.live;
      const idf = Math.log(1 + (this.alive - df + 0.5) / (df + 0.5));
      for (let k = 0; k < p.docs.length; k++) {
        const d = p.docs[k];
        const slot = this.slots[d];
        if (!slot.alive) continue;
        let tf = 0;
        for (let f = 0; f < F; f++) {
          const x = p.tf[k * F + f];
          if (x === 0) continue;
          const field = SEARCH_FIELDS[f];
          tf += (FIELD_WEIGHT[field] * x) / (1 - FIELD_B[field] + (FIELD_B[field] * slot.lengths[f]) / avg[f]);
        }
        if (stamp[d] !== e) {
          stamp[d] = e;
          score[d] = 0;
          touched.push(d);
        }
        score[d] += weight * idf * (tf / (K1 + tf));
        if (term.startsWith('c:')) covered.set(d, (covered.get(d) ?? 0) + 1);
      }
    }
    const keep = filterOf(filters);
    const ranked = touched
      .filter((d) => keep(this.slots[d].doc))
      .map((d) => ({ d, s: score[d] * coverage(covered.get(d) ?? 0, concepts.length) + OUTCOME_PRIOR * Math.log1p(this.slots[d].doc.outcomes ?? 0) }))
      .sort((a, b) => b.s - a.s || (this.slots[a.d].doc.id < this.slots[b.d].doc.id ? -1 : 1))
      .slice(0, top);
    return ranked.map(({ d, s }) => ({ id: this.slots[d].doc.id, score: s, reasons: this.reasons(this.slots[d], query) }));
  }

  /** Where each of the need's terms appears in the company, concepts first, one reason per term. */
  private reasons(slot: Slot, query: QueryTerms): MatchReason[] {
    const out: MatchReason[] = [];
    const seen = new Set<string>();
    const fields = SEARCH_FIELDS.map((field) => ({ field, terms: fieldTerms(slot.doc, field, slot.language) }));
    const order = [...query.weights.keys()].sort((a, b) => (a[0] === b[0] ? 0 : a[0] === 'c' ? -1 : 1));
    for (const term of order) {
      if (seen.has(term)) continue;
      // capabilities and offers say more than a passing word of the description
      for (const f of ['capabilities', 'offers', 'name', 'description'] as const) {
        const hit = fields.find((x) => x.field === f)!.terms.find((t) => t.term === term);
        if (!hit) continue;
        seen.add(term);
        out.push({ field: f, concept: term.startsWith('c:') ? term.slice(2) : null, needWords: query.surface.get(term) ?? '', companyWords: hit.surface });
        break;
      }
    }
    // A word inside a matched concept phrase adds nothing to the concept's reason.
    const conceptWords = new Set(out.filter((r) => r.concept).flatMap((r) => r.companyWords.toLowerCase().split(' ')));
    return out.filter((r) => r.concept !== null || !conceptWords.has(r.companyWords.toLowerCase()));
  }

  private compact(): void {
    const alive = this.slots.filter((s) => s.alive).map((s) => s.doc);
    this.slots.length = 0;
    this.byId.clear();
    this.postings.clear();
    this.lengthSum.fill(0);
    this.alive = 0;
    this.dead = 0;
    for (const doc of alive) this.upsert(doc);
  }
}

/** The share of the need's concepts a company covers, softened: 1 when all or when the need has none. */
function coverage(covered: number, asked: number): number {
  return asked === 0 ? 1 : ((1 + covered) / (1 + asked)) ** COVERAGE_POWER;
}

/** A company's terms in one field, with the broader concept of each narrower one it names (BROADER). */
function fieldTerms(doc: CompanyDocument, field: SearchField, language: Language): Term[] {
  const texts = field === 'name' ? [doc.name] : field === 'description' ? [doc.description ?? ''] : ((field === 'capabilities' ? doc.capabilities : doc.offers) ?? []);
  const terms = texts.flatMap((t) => analyse(t, language));
  const named = new Set(terms.map((t) => t.term));
  for (const t of [...terms]) {
    const broader = t.term.startsWith('c:') ? BROADER[t.term.slice(2)] : undefined;
    if (broader && !named.has(`c:${broader}`)) {
      named.add(`c:${broader}`);
      terms.push({ term: `c:${broader}`, surface: t.surface });
    }
  }
  return terms;
}

interface QueryTerms {
  /** Term -> weight in the query. */
  weights: Map<string, number>;
  /** Term -> the need's words for it (first occurrence). */
  surface: Map<string, string>;
}

/** The need's terms: title and capabilities count more than the description; repeats add a little. */
function queryTerms(need: NeedText): QueryTerms {
  const language = languageOf([need.title, need.description ?? '', ...(need.capabilities ?? [])].join(' '));
  const weights = new Map<string, number>();
  const surface = new Map<string, string>();
  const add = (text: string, fieldWeight: number): void => {
    for (const t of analyse(text, language)) {
      const w = fieldWeight * (t.term.startsWith('c:') ? CONCEPT_WEIGHT : 1);
      const previous = weights.get(t.term);
      weights.set(t.term, previous === undefined ? w : Math.max(previous, w) + 0.1 * Math.min(previous, w));
      if (!surface.has(t.term)) surface.set(t.term, t.surface);
    }
  };
  add(need.title, 1.2);
  for (const c of need.capabilities ?? []) add(c, 1.2);
  add(need.description ?? '', 1);
  return { weights, surface };
}

const EARTH_KM = 6371;

/** Great-circle distance in km (haversine). */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

function filterOf(filters: SearchFilters): (doc: CompanyDocument) => boolean {
  const territories = filters.territoryIds && filters.territoryIds.length ? new Set(filters.territoryIds) : null;
  const sizes = filters.sizeBands && filters.sizeBands.length ? new Set(filters.sizeBands) : null;
  const exclude = filters.exclude && filters.exclude.length ? new Set(filters.exclude) : null;
  const near = filters.near;
  return (doc) =>
    (!exclude || !exclude.has(doc.id)) &&
    (!territories || (doc.territoryIds ?? []).some((t) => territories.has(t))) &&
    (!sizes || (doc.sizeBand !== undefined && sizes.has(doc.sizeBand))) &&
    (!near || (doc.lat !== undefined && doc.lon !== undefined && distanceKm(near.lat, near.lon, doc.lat, doc.lon) <= near.km));
}
