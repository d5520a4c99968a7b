import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, UnavailableError, normaliseTag } from '@opn/kernel';
import { MONGO, PROJECTOR_FIELDS, Page, PageQuery, pageOf } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { Access, Viewer } from '../../access/access';
import { BudgetBand } from '../../domain';
import { NeedForReader, NeedReader, NeedScope, needForReader, readerOf, scopeOf } from './need-visibility';
import { NeedIndex, NeedView, needsProjection } from './needs.projection';

export interface NeedFilters {
  capability?: string;
  departement?: string;
  budgetBand?: BudgetBand;
  companyId?: string;
  status?: 'open' | 'closed';
}

const newestFirst = (a: NeedView, b: NeedView) => (a.publishedAt === b.publishedAt ? a.needId.localeCompare(b.needId) : a.publishedAt < b.publishedAt ? 1 : -1);

/**
 * Partnership needs as each reader may see them (see need-visibility.ts): anything a reader may
 * not see is a 404 `need not found`, the answer for an unknown id, and is never counted.
 */
@Injectable()
export class NeedsQuery {
  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly index: NeedIndex,
    private readonly access: Access,
  ) {}

  private ready(): void {
    if (!this.index.caughtUp) throw new UnavailableError('needs are still loading; retry in a few seconds');
  }

  /** The viewer with the départements of their companies. */
  async reader(viewer: Viewer): Promise<NeedReader> {
    const companies = await this.access.companies(viewer.companyIds);
    const departements = [...companies.values()].map((c) => c.departement).filter((d): d is string => typeof d === 'string');
    return readerOf(viewer, departements);
  }

  /** The need and the reader's scope on it; 404 when the reader may not see it. */
  async visible(needId: string, viewer: Viewer): Promise<{ need: NeedView; reader: NeedReader; scope: Exclude<NeedScope, 'none'> }> {
    const need = await this.mongo.collection<NeedView & { _id: string }>(needsProjection.collection).findOne({ _id: needId }, { projection: PROJECTOR_FIELDS });
    if (!need) throw new NotFoundError('need not found');
    const reader = await this.reader(viewer);
    const scope = scopeOf(need, reader);
    if (scope === 'none') throw new NotFoundError('need not found');
    return { need, reader, scope };
  }

  /** Discovery: the needs the viewer may see, filtered (open ones unless told), newest first. */
  async discover(viewer: Viewer, filters: NeedFilters, page: PageQuery): Promise<Page<NeedForReader>> {
    this.ready();
    const reader = await this.reader(viewer);
    const status = filters.status ?? 'open';
    const matching: NeedView[] = [];
    for (const need of this.index.values()) {
      if (need.status !== status) continue;
      if (filters.companyId && need.companyId !== filters.companyId) continue;
      if (filters.budgetBand && need.budgetBand !== filters.budgetBand) continue;
      if (filters.departement && !need.territory.includes(filters.departement)) continue;
      if (filters.capability && !need.capabilities.includes(normaliseTag(filters.capability))) continue;
      // Discovery shows what others publish; a hidden need stays listed for nobody but its publisher's and moderators' own lists.
      if (need.hidden) continue;
      if (scopeOf(need, reader) === 'none') continue;
      matching.push(need);
    }
    return this.page(matching, reader, page);
  }

  /** A company's own needs (for its members and moderators), hidden ones included, newest first. */
  async forCompany(companyId: string, viewer: Viewer, status: 'open' | 'closed' | undefined, page: PageQuery): Promise<Page<NeedForReader>> {
    this.ready();
    const reader = await this.reader(viewer);
    const matching = this.index
      .entriesFor(companyId)
      .map(([, need]) => need)
      .filter((need) => need.companyId === companyId && (!status || need.status === status));
    return this.page(matching, reader, page);
  }

  private page(matching: NeedView[], reader: NeedReader, page: PageQuery): Page<NeedForReader> {
    matching.sort(newestFirst);
    const from = (page.page - 1) * page.limit;
    return pageOf(matching.slice(from, from + page.limit).map((n) => needForReader(n, reader)), matching.length, page);
  }
}
