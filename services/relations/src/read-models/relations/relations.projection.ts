import { Injectable } from '@nestjs/common';
import { streamEntityId } from '@opn/kernel';
import { DocumentProjection, KeyedMemoryReadModel } from '@opn/projections';
import type { RelationEvent, RelationKind, RelationStatus } from '../../domain';

/** A company relation as both companies see it (each reads `kind` from its own side with `kindFromSide`). */
export interface RelationView {
  relationId: string;
  /** Sorted. */
  companies: [string, string];
  /** Canonical: what companies[1] is to companies[0]. */
  kind: RelationKind;
  label?: string;
  status: RelationStatus;
  /** The company that proposed the current period; absent when an agreement established it. */
  proposerCompanyId?: string;
  startsOn?: string;
  endsOn?: string;
  suspendedByCompanyId?: string;
  /** Needs whose agreements made or strengthened it. */
  agreements: string[];
  createdAt: string;
  updatedAt: string;
}

const RELATION_EVENTS: RelationEvent['type'][] = [
  'RelationProposed',
  'RelationConfirmed',
  'RelationDeclined',
  'RelationProposalWithdrawn',
  'RelationSuspended',
  'RelationResumed',
  'RelationEnded',
  'RelationEstablished',
  'RelationStrengthened',
];

/** Pure fold of a relation's stream into its view (MongoDB `relations`, and the RelationIndex in memory). */
export const relationsProjection: DocumentProjection<RelationView> = {
  name: 'relations.relations',
  collection: 'relations',
  handles: RELATION_EVENTS,
  documentId: (e) => streamEntityId(e.subject),
  apply: (doc, recorded) => {
    const e = recorded as unknown as RelationEvent;
    const d = e.data;
    const at = d.at;
    switch (e.type) {
      case 'RelationProposed': {
        const { companies, kind, label, startsOn, proposerCompanyId } = e.data;
        return {
          relationId: d.relationId,
          companies,
          kind,
          ...(label !== undefined ? { label } : {}),
          status: 'proposed',
          proposerCompanyId,
          ...(startsOn !== undefined ? { startsOn } : {}),
          agreements: doc?.agreements ?? [],
          createdAt: doc?.createdAt ?? at,
          updatedAt: at,
        };
      }
      case 'RelationEstablished': {
        const { companies, kind, needId, startsOn } = e.data;
        const continuing = doc && doc.status === 'proposed';
        return {
          relationId: d.relationId,
          companies,
          kind,
          ...(continuing && doc.label !== undefined ? { label: doc.label } : {}),
          status: 'active',
          ...(continuing && doc.proposerCompanyId ? { proposerCompanyId: doc.proposerCompanyId } : {}),
          startsOn,
          agreements: [...(doc?.agreements ?? []), needId],
          createdAt: doc?.createdAt ?? at,
          updatedAt: at,
        };
      }
      default:
        break;
    }
    if (!doc) return null;
    switch (e.type) {
      case 'RelationConfirmed':
        return { ...doc, status: 'active', startsOn: e.data.startsOn, updatedAt: at };
      case 'RelationDeclined':
        return { ...doc, status: 'declined', updatedAt: at };
      case 'RelationProposalWithdrawn':
        return { ...doc, status: 'withdrawn', updatedAt: at };
      case 'RelationSuspended':
        return { ...doc, status: 'suspended', suspendedByCompanyId: e.data.companyId, updatedAt: at };
      case 'RelationResumed': {
        const { suspendedByCompanyId: _s, ...rest } = doc;
        return { ...rest, status: 'active', updatedAt: at };
      }
      case 'RelationEnded': {
        const { suspendedByCompanyId: _s, ...rest } = doc;
        return { ...rest, status: 'ended', endsOn: e.data.endsOn, updatedAt: at };
      }
      case 'RelationStrengthened':
        return { ...doc, agreements: [...doc.agreements, e.data.needId], updatedAt: at };
      default:
        return doc;
    }
  },
};

/** Every relation in memory, listed under its two companies: a company's relations with exact totals. */
@Injectable()
export class RelationIndex extends KeyedMemoryReadModel<RelationView> {
  readonly projection = relationsProjection;
  protected keysOf(view: RelationView): readonly string[] {
    return view.companies;
  }
}
