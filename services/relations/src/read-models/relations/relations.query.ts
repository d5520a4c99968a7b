import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, UnavailableError } from '@opn/kernel';
import { MONGO, PROJECTOR_FIELDS, Page, PageQuery, pageOf } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { Viewer, isModerator } from '../../access/access';
import { RelationKind, RelationStatus, inverseKind } from '../../domain';
import { RelationIndex, RelationView, relationsProjection } from './relations.projection';

/** A relation as one of its companies reads it: its own side's kind and the other company. */
export interface CompanyRelationView {
  relationId: string;
  companyId: string;
  partnerCompanyId: string;
  /** What the partner is to this company. */
  kind: RelationKind;
  label?: string;
  status: RelationStatus;
  /** For a proposal: whether this company proposed it or must answer it. */
  proposal?: 'sent' | 'received';
  startsOn?: string;
  endsOn?: string;
  suspendedByCompanyId?: string;
  agreements: number;
  updatedAt: string;
}

export interface RelationFilters {
  status?: RelationStatus;
  kind?: RelationKind;
  partnerCompanyId?: string;
}

/** The kind as `companyId` reads it (the view stores what companies[1] is to companies[0]). */
export const kindSeenBy = (view: Pick<RelationView, 'companies' | 'kind'>, companyId: string): RelationKind =>
  view.companies[0] === companyId ? view.kind : inverseKind(view.kind);

export function asSeenBy(view: RelationView, companyId: string): CompanyRelationView {
  const partnerCompanyId = view.companies[0] === companyId ? view.companies[1] : view.companies[0];
  return {
    relationId: view.relationId,
    companyId,
    partnerCompanyId,
    kind: kindSeenBy(view, companyId),
    ...(view.label !== undefined ? { label: view.label } : {}),
    status: view.status,
    ...(view.status === 'proposed' ? { proposal: view.proposerCompanyId === companyId ? 'sent' : 'received' } : {}),
    ...(view.startsOn ? { startsOn: view.startsOn } : {}),
    ...(view.endsOn ? { endsOn: view.endsOn } : {}),
    ...(view.suspendedByCompanyId ? { suspendedByCompanyId: view.suspendedByCompanyId } : {}),
    agreements: view.agreements.length,
    updatedAt: view.updatedAt,
  };
}

/**
 * Company relations. A relation is visible to the members of its two companies, territory
 * coordinators and platform admins; to anyone else it does not exist (404).
 */
@Injectable()
export class RelationsQuery {
  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly index: RelationIndex,
  ) {}

  private async ready(): Promise<void> {
    if (!this.index.caughtUp) throw new UnavailableError('relations are still loading; retry in a few seconds');
  }

  /** The relation if the viewer may see it (404 otherwise, the same as an unknown id). */
  async visible(relationId: string, viewer: Viewer): Promise<RelationView & { _revision?: number }> {
    const doc = await this.mongo.collection<RelationView & { _id: string }>(relationsProjection.collection).findOne({ _id: relationId }, { projection: PROJECTOR_FIELDS });
    if (!doc || !canSee(doc, viewer)) throw new NotFoundError('relation not found');
    return doc;
  }

  /** A company's relations, newest change first, filtered; `companyId` is the reader's side. */
  async forCompany(companyId: string, filters: RelationFilters, page: PageQuery): Promise<Page<CompanyRelationView>> {
    await this.ready();
    const matching = this.index
      .entriesFor(companyId)
      .map(([, view]) => asSeenBy(view, companyId))
      .filter((r) => (!filters.status || r.status === filters.status) && (!filters.kind || r.kind === filters.kind) && (!filters.partnerCompanyId || r.partnerCompanyId === filters.partnerCompanyId))
      .sort((a, b) => (a.updatedAt === b.updatedAt ? a.relationId.localeCompare(b.relationId) : a.updatedAt < b.updatedAt ? 1 : -1));
    const from = (page.page - 1) * page.limit;
    return pageOf(matching.slice(from, from + page.limit), matching.length, page);
  }
}

export const canSee = (view: Pick<RelationView, 'companies'>, viewer: Viewer): boolean =>
  isModerator(viewer) || view.companies.some((c) => viewer.companyIds.includes(c));
