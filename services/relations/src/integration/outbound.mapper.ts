import { RecordedEvent, assertNever } from '@opn/kernel';
import { OutboundMapper, publishedAs } from '@opn/messaging';
import {
  NeedClosedV1,
  NeedModeratedV1,
  NeedPublishedV1,
  NeedStepV1,
  RELATIONS_TOPICS,
  RelationActivatedV1,
  RelationStatusChangedV1,
  RelationStrengthenedV1,
  TieVisibleV1,
  TieWithdrawnV1,
} from '@opn/relations-contracts';
import type { RelationsEvent, TiePublicPart, TieVisibility } from '../domain';

export const SOURCE = 'relations';
export const RELATIONS_RELAY_TOPICS = Object.values(RELATIONS_TOPICS);

const publish = publishedAs(SOURCE);

/** Visibilities that let a tie leave the service (territory coordinators' aggregates, members). */
const isPublished = (v: TieVisibility): v is 'territory' | 'members' => v === 'territory' || v === 'members';

const tieVisible = (recorded: RecordedEvent, tieId: string, tie: TiePublicPart, visibility: 'territory' | 'members', at: string) =>
  publish(TieVisibleV1, recorded, tieId, {
    tieId,
    people: tie.people,
    kinds: tie.kinds,
    strength: tie.strength,
    ...(tie.lastContactOn ? { lastContactOn: tie.lastContactOn } : {}),
    visibility,
    changedAt: at,
  });

/**
 * The one gate from relations' stored events to its public ones. Proposals that were never
 * confirmed, private and company-only ties, notes, messages, reasons and the people who reported
 * or moderated never leave; a tie is published only while its effective visibility allows it,
 * and withdrawn when it stops.
 */
export const relationsOutboundMapper: OutboundMapper = (recorded) => {
  const e = { type: recorded.type, data: recorded.data } as RelationsEvent;
  switch (e.type) {
    case 'RelationConfirmed': {
      const d = e.data;
      return publish(RelationActivatedV1, recorded, d.relationId, {
        relationId: d.relationId,
        companies: d.companies,
        kind: d.kind,
        ...(d.label !== undefined ? { label: d.label } : {}),
        startsOn: d.startsOn,
        origin: 'confirmation',
        activatedAt: d.at,
      });
    }
    case 'RelationEstablished': {
      const d = e.data;
      return publish(RelationActivatedV1, recorded, d.relationId, {
        relationId: d.relationId,
        companies: d.companies,
        kind: d.kind,
        startsOn: d.startsOn,
        origin: 'agreement',
        needId: d.needId,
        activatedAt: d.at,
      });
    }
    case 'RelationSuspended':
    case 'RelationResumed':
      return publish(RelationStatusChangedV1, recorded, e.data.relationId, {
        relationId: e.data.relationId,
        status: e.type === 'RelationSuspended' ? 'suspended' : 'active',
        byCompanyId: e.data.companyId,
        changedAt: e.data.at,
      });
    case 'RelationEnded':
      return publish(RelationStatusChangedV1, recorded, e.data.relationId, {
        relationId: e.data.relationId,
        status: 'ended',
        byCompanyId: e.data.companyId,
        endsOn: e.data.endsOn,
        changedAt: e.data.at,
      });
    case 'RelationStrengthened':
      return publish(RelationStrengthenedV1, recorded, e.data.relationId, { relationId: e.data.relationId, needId: e.data.needId, strengthenedAt: e.data.at });
    case 'RelationProposed':
    case 'RelationDeclined':
    case 'RelationProposalWithdrawn':
      return null;

    case 'TieConfirmed':
    case 'TieUpdated':
    case 'TieContactRecorded':
      return isPublished(e.data.effective) ? tieVisible(recorded, e.data.tieId, e.data.tie, e.data.effective, e.data.at) : null;
    case 'TieVisibilityChanged': {
      const d = e.data;
      if (isPublished(d.effective)) return d.effective === d.before ? null : tieVisible(recorded, d.tieId, d.tie, d.effective, d.at);
      return isPublished(d.before) ? publish(TieWithdrawnV1, recorded, d.tieId, { tieId: d.tieId, reason: 'narrowed', withdrawnAt: d.at }) : null;
    }
    case 'TieEnded':
    case 'TieErased':
      return isPublished(e.data.before)
        ? publish(TieWithdrawnV1, recorded, e.data.tieId, { tieId: e.data.tieId, reason: e.type === 'TieEnded' ? 'ended' : 'erased', withdrawnAt: e.data.at })
        : null;
    case 'TieDeclared':
    case 'TieDeclined':
      return null;

    case 'NeedPublished': {
      const { by: _by, at, ...data } = e.data;
      return publish(NeedPublishedV1, recorded, data.needId, { ...data, publishedAt: at });
    }
    case 'InterestExpressed':
    case 'InterestWithdrawn':
      return publish(NeedStepV1, recorded, e.data.needId, {
        needId: e.data.needId,
        step: e.type === 'InterestExpressed' ? 'interest_expressed' : 'interest_withdrawn',
        companyId: e.data.companyId,
        occurredAt: e.data.at,
      });
    case 'PartnerShortlisted':
    case 'PartnerRemovedFromShortlist':
      return publish(NeedStepV1, recorded, e.data.needId, {
        needId: e.data.needId,
        step: e.type === 'PartnerShortlisted' ? 'shortlisted' : 'removed_from_shortlist',
        companyId: e.data.partnerCompanyId,
        occurredAt: e.data.at,
      });
    case 'IntroductionMade':
      return publish(NeedStepV1, recorded, e.data.needId, { needId: e.data.needId, step: 'introduced', companyId: e.data.partnerCompanyId, via: e.data.via, occurredAt: e.data.at });
    case 'MeetingLogged':
      return publish(NeedStepV1, recorded, e.data.needId, { needId: e.data.needId, step: 'meeting_logged', companyId: e.data.partnerCompanyId, on: e.data.on, occurredAt: e.data.at });
    case 'NeedClosed': {
      const o = e.data.outcome;
      return publish(NeedClosedV1, recorded, e.data.needId, {
        needId: e.data.needId,
        companyId: e.data.companyId,
        outcome: o.kind,
        ...(o.kind === 'agreement' ? { partnerCompanyId: o.partnerCompanyId, relationKind: o.relationKind } : {}),
        closedAt: e.data.at,
      });
    }
    case 'ContentHidden':
    case 'ContentRestored':
      return e.data.target.kind === 'need' ? publish(NeedModeratedV1, recorded, e.data.needId, { needId: e.data.needId, hidden: e.type === 'ContentHidden', moderatedAt: e.data.at }) : null;
    case 'ContentReported':
    case 'ReportResolved':
      return null;
    default:
      return assertNever(e);
  }
};
