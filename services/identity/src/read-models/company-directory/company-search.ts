import { Injectable } from '@nestjs/common';
import { streamEntityId, UnavailableError } from '@opn/kernel';
import { DocumentProjection, MemoryReadModel } from '@opn/projections';
import type { CompanyEvent } from '../../domain';

/** What the directory filters and sorts on, per company: small enough to keep every company in memory. */
export interface CompanySearchEntry {
  companyId: string;
  legalName: string;
  /** legalName in lower case: `q` matches any part of it, case-insensitively. */
  nameKey: string;
  nafCode: string;
  sizeBand: string;
  /** address.city trimmed and in lower case: `city` matches it exactly, case-insensitively. */
  cityKey?: string;
  /** Stored normalised (trimmed, lower case) by the company decider. */
  capabilities: string[];
  offers: string[];
}

export interface DirectoryFilters {
  q?: string;
  nafCode?: string;
  capability?: string;
  offer?: string;
  city?: string;
  sizeBand?: string;
}

/** The directory's filter key of a city: `?city=` matches it case-insensitively and exactly. */
export function cityKey(city: string): string {
  return city.trim().toLowerCase();
}

const entry = (e: Omit<CompanySearchEntry, 'nameKey'>): CompanySearchEntry => ({ ...e, nameKey: e.legalName.toLowerCase() });

/** The fold behind CompanySearch: registrations and profile updates of companies. Pure. */
export const companySearchProjection: Pick<DocumentProjection<CompanySearchEntry>, 'name' | 'handles' | 'documentId' | 'apply'> = {
  name: 'identity.company-search',
  handles: ['CompanyRegistered', 'CompanyProfileUpdated'],
  documentId: (e) => streamEntityId(e.subject),
  apply: (doc, e) => {
    const event = e as unknown as CompanyEvent;
    switch (event.type) {
      case 'CompanyRegistered': {
        const d = event.data;
        return entry({
          companyId: d.companyId,
          legalName: d.legalName,
          nafCode: d.nafCode,
          sizeBand: d.sizeBand,
          cityKey: d.address?.city ? cityKey(d.address.city) : undefined,
          capabilities: d.capabilities ?? [],
          offers: d.offers ?? [],
        });
      }
      case 'CompanyProfileUpdated': {
        if (!doc) return null;
        const c = event.data.changes;
        return entry({
          companyId: doc.companyId,
          legalName: c.legalName ?? doc.legalName,
          nafCode: c.nafCode ?? doc.nafCode,
          sizeBand: c.sizeBand ?? doc.sizeBand,
          cityKey: c.address === undefined ? doc.cityKey : c.address?.city ? cityKey(c.address.city) : undefined,
          capabilities: c.capabilities === undefined ? doc.capabilities : (c.capabilities ?? []),
          offers: c.offers === undefined ? doc.offers : (c.offers ?? []),
        });
      }
      default:
        return doc;
    }
  },
};

/** Directory order: legal name, then id (the order of the MongoDB query it replaces). */
const before = (a: CompanySearchEntry, b: CompanySearchEntry) =>
  a.legalName < b.legalName || (a.legalName === b.legalName && a.companyId < b.companyId);

/**
 * The company directory's filters, answered in memory: free text in the name and membership in
 * capabilities and offers are what MongoDB-wire servers answer slowly (a regex reads every
 * document; FerretDB has no multikey index), and with them every other filter and the total of the
 * page. Companies are kept in directory order, so a page is one pass that stops counting nothing:
 * 20,000 companies take well under a millisecond. The documents of the page come from the
 * MongoDB read model by `_id` (CompanyDirectoryQuery).
 */
@Injectable()
export class CompanySearch extends MemoryReadModel<CompanySearchEntry> {
  readonly projection = companySearchProjection;
  private readonly ordered: CompanySearchEntry[] = [];

  protected changed(_id: string, previous: CompanySearchEntry | undefined, next: CompanySearchEntry | null): void {
    if (previous) this.ordered.splice(this.indexOf(previous), 1);
    if (next) this.ordered.splice(this.insertionPoint(next), 0, next);
  }

  /** Ids of the companies of one page, in directory order, and how many match in all. */
  async find(filters: DirectoryFilters, page: { page: number; limit: number }, waitMs = 10_000): Promise<{ ids: string[]; total: number }> {
    if (!this.caughtUp) await this.loaded(waitMs);
    const match = matcher(filters);
    const from = (page.page - 1) * page.limit;
    const ids: string[] = [];
    let total = 0;
    for (const company of this.ordered) {
      if (!match(company)) continue;
      if (total >= from && ids.length < page.limit) ids.push(company.companyId);
      total++;
    }
    return { ids, total };
  }

  private async loaded(waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnavailableError('the company directory is still loading, retry in a few seconds')), waitMs);
    });
    try {
      await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private insertionPoint(e: CompanySearchEntry): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.ordered[mid], e)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(e: CompanySearchEntry): number {
    const at = this.insertionPoint(e);
    if (this.ordered[at]?.companyId !== e.companyId) throw new Error(`company ${e.companyId} is not where the directory order puts it`);
    return at;
  }
}

/** One predicate for all the filters given (absent filters match everything). */
export function matcher(filters: DirectoryFilters): (c: CompanySearchEntry) => boolean {
  const tests: Array<(c: CompanySearchEntry) => boolean> = [];
  if (filters.nafCode) tests.push((c) => c.nafCode === filters.nafCode);
  if (filters.sizeBand) tests.push((c) => c.sizeBand === filters.sizeBand);
  if (filters.city) {
    const key = cityKey(filters.city);
    tests.push((c) => c.cityKey === key);
  }
  if (filters.capability) {
    const wanted = filters.capability.trim().toLowerCase();
    tests.push((c) => c.capabilities.includes(wanted));
  }
  if (filters.offer) {
    const wanted = filters.offer.trim().toLowerCase();
    tests.push((c) => c.offers.includes(wanted));
  }
  if (filters.q) {
    const wanted = filters.q.toLowerCase();
    tests.push((c) => c.nameKey.includes(wanted));
  }
  return (c) => tests.every((t) => t(c));
}
