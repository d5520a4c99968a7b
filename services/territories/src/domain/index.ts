// Public API of the territories domain: the territory decider (definition, coordinators, alert
// settings and the roster of member firms), its commands and events, the member-list parser and
// the personal-data policy. Pure: no I/O in here (see README.md).
import type { TerritoryEvent } from './territory/territory.events';

export * from './territory/territory.commands';
export * from './territory/territory.events';
export {
  ANSWER_MAX,
  type AlertSettings,
  DEFAULT_ALERTS,
  DESCRIPTION_MAX,
  MESSAGE_MAX,
  NAME_MAX,
  QUESTION_MAX,
  REASON_MAX,
  type Roster,
  type Territory,
  type TerritoryState,
  eiThreshold,
  importRows,
  isTerritoryKind,
  membershipOf,
  membershipsOf,
  periodMonths,
  territories,
  territoryDecider,
  territoryKind,
  territoryLevel,
  territoryStreamId,
} from './territory/territory.decider';
export * from './territory/perimeter';
export * from './roster/membership';
export * from './roster/member-import';

/** Every event territories stores (one aggregate: the territory). */
export type TerritoriesEvent = TerritoryEvent;

export { TERRITORIES_PERSONAL_DATA, contactSubject } from './personal-data';
