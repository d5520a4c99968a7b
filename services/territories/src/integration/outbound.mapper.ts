import { RecordedEvent } from '@opn/kernel';
import { OutboundMapper, publishedAs } from '@opn/messaging';
import { CoordinatorChangedV1, MembershipChangedV1, TERRITORIES_TOPICS, TerritoryDefinedV1 } from '@opn/territories-contracts';
import type { TerritoriesEvent } from '../domain';

export const SOURCE = 'territories';
export const TERRITORIES_RELAY_TOPICS = Object.values(TERRITORIES_TOPICS);

const publish = publishedAs(SOURCE);

const membership = (recorded: RecordedEvent, data: Omit<MembershipChangedV1, 'changedAt'> & { at: string }) => {
  const { at, ...rest } = data;
  return publish(MembershipChangedV1, recorded, data.territoryId, { ...rest, changedAt: at });
};

/**
 * The one gate from territories' stored events to its public ones: definitions (whole, as
 * upserts), memberships that start, go on or end, and coordinators. Applications in review,
 * refusals, questions, answers, reasons and imported contacts never leave the service.
 * `TerritoryUpdated` carries the whole definition after the change, so it is published as is.
 */
export const territoriesOutboundMapper: OutboundMapper = (recorded) => {
  const e = { type: recorded.type, data: recorded.data } as TerritoriesEvent;
  switch (e.type) {
    case 'TerritoryCreated':
    case 'TerritoryUpdated': {
      const d = e.type === 'TerritoryCreated' ? e.data : { ...e.data.definition, territoryId: e.data.territoryId, at: e.data.at };
      return publish(TerritoryDefinedV1, recorded, d.territoryId, {
        territoryId: d.territoryId,
        name: d.name,
        kind: d.kind,
        level: d.level,
        ...(d.parentId ? { parentId: d.parentId } : {}),
        perimeter: d.perimeter,
        definedAt: d.at,
      });
    }
    case 'CoordinatorAppointed':
    case 'CoordinatorRemoved':
      return publish(CoordinatorChangedV1, recorded, e.data.territoryId, {
        territoryId: e.data.territoryId,
        personId: e.data.personId,
        coordinator: e.type === 'CoordinatorAppointed',
        changedAt: e.data.at,
      });
    case 'MembershipAdmitted': {
      const d = e.data;
      return membership(recorded, {
        territoryId: d.territoryId,
        siren: d.siren,
        ...(d.companyId ? { companyId: d.companyId } : {}),
        status: 'admitted',
        ...(d.validUntil ? { validUntil: d.validUntil } : {}),
        groups: d.groups,
        at: d.at,
      });
    }
    case 'MemberImported':
      return membership(recorded, { territoryId: e.data.territoryId, siren: e.data.siren, status: 'admitted', groups: e.data.groups, at: e.data.at });
    case 'MembershipRenewed':
      return membership(recorded, { territoryId: e.data.territoryId, siren: e.data.siren, status: 'admitted', validUntil: e.data.validUntil, at: e.data.at });
    case 'MemberGroupsChanged':
      return membership(recorded, { territoryId: e.data.territoryId, siren: e.data.siren, status: 'admitted', groups: e.data.groups, at: e.data.at });
    case 'MemberDetailsUpdated':
      return e.data.changes.groups
        ? membership(recorded, { territoryId: e.data.territoryId, siren: e.data.siren, status: 'admitted', groups: e.data.changes.groups, at: e.data.at })
        : null;
    case 'MembershipEnded':
      return membership(recorded, { territoryId: e.data.territoryId, siren: e.data.siren, status: 'ended', at: e.data.at });
    default:
      return null;
  }
};
