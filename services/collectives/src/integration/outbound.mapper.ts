import { AlumniTieErasedV1, AlumniTieFormedV1, COLLECTIVES_TOPICS, CollectiveDefinedV1, CollectiveMembershipChangedV1, CollectiveStatusChangedV1, CollectiveStatus } from '@opn/collectives-contracts';
import { RecordedEvent } from '@opn/kernel';
import { OutboundMapper, publishedAs } from '@opn/messaging';
import type { CollectiveDefinition, CollectiveEvent } from '../domain';

export const SOURCE = 'collectives';
export const COLLECTIVES_RELAY_TOPICS = Object.values(COLLECTIVES_TOPICS);

const publish = publishedAs(SOURCE);

const defined = (recorded: RecordedEvent, collectiveId: string, d: CollectiveDefinition, at: string) =>
  publish(CollectiveDefinedV1, recorded, collectiveId, {
    collectiveId,
    name: d.name,
    occasion: d.occasion,
    rhythm: d.rhythm,
    access: d.access,
    perimeter: d.perimeter,
    ...(d.expectedEnd ? { expectedEnd: d.expectedEnd } : {}),
    initiatorId: d.initiator,
    ...(d.initiatorCompanyId ? { initiatorCompanyId: d.initiatorCompanyId } : {}),
    definedAt: at,
  });

/** The fields of a collective's public definition. */
const PUBLIC_FIELDS = ['name', 'occasion', 'rhythm', 'access', 'perimeter', 'expectedEnd'] as const;

const STATUS: Partial<Record<CollectiveEvent['type'], CollectiveStatus>> = {
  FormingStarted: 'forming',
  CollectiveActivated: 'active',
  DeliveryStarted: 'delivering',
  CollectiveDissolved: 'dissolving',
  CollectiveArchived: 'archived',
  CollectiveCancelled: 'archived',
};

/**
 * The one gate from collectives' stored events to its public ones: definitions (whole, as
 * upserts), lifecycle steps, who is in it with which role, and one alumni tie per pair when it
 * dissolves. Purposes, announcements, documents, meetings, results, ballots, reports and
 * reasons never leave the service. Each public event keeps its stored event's id, so a
 * consumer that deduplicates on it applies each tie once.
 */
export const collectivesOutboundMapper: OutboundMapper = (recorded) => {
  const e = { type: recorded.type, data: recorded.data } as CollectiveEvent;
  const d = e.data;
  const membership = (personId: string, role: CollectiveMembershipChangedV1['role'], companyId?: string) =>
    publish(CollectiveMembershipChangedV1, recorded, d.collectiveId, { collectiveId: d.collectiveId, personId, ...(companyId ? { companyId } : {}), ...(role ? { role } : {}), active: role !== undefined, changedAt: d.at });
  switch (e.type) {
    case 'CollectiveProposed': {
      const p = e.data;
      return defined(recorded, p.collectiveId, { ...p, initiator: p.by, ...(p.companyId ? { initiatorCompanyId: p.companyId } : {}) }, p.at);
    }
    case 'CollectiveUpdated':
      // The purpose and the minimum size are not public: a change of those alone publishes nothing.
      return PUBLIC_FIELDS.some((f) => f in e.data.changes) ? defined(recorded, d.collectiveId, e.data.definition, d.at) : null;
    case 'FormingStarted':
    case 'CollectiveActivated':
    case 'DeliveryStarted':
    case 'CollectiveDissolved':
    case 'CollectiveArchived':
    case 'CollectiveCancelled':
      return publish(CollectiveStatusChangedV1, recorded, d.collectiveId, { collectiveId: d.collectiveId, status: STATUS[e.type]!, changedAt: d.at });
    case 'MemberJoined':
      return membership(e.data.personId, e.data.role, e.data.companyId);
    case 'MemberLeft':
    case 'MemberRemoved':
    case 'PersonErased':
      return membership(e.data.personId, undefined);
    case 'AlumniTieErased':
      return publish(AlumniTieErasedV1, recorded, d.collectiveId, { collectiveId: d.collectiveId, personIds: e.data.personIds, erasedAt: d.at });
    case 'AlumniTieFormed':
      return publish(AlumniTieFormedV1, recorded, d.collectiveId, {
        collectiveId: d.collectiveId,
        collectiveName: e.data.collectiveName,
        personIds: e.data.personIds,
        companyIds: e.data.companyIds,
        from: e.data.from,
        to: e.data.to,
        formedAt: d.at,
      });
    default:
      return null;
  }
};
