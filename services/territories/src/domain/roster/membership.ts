import { dateOf, invalid } from '@opn/kernel';
import { ExitInitiator } from '../territory/territory.commands';
import { MembershipOrigin } from '../territory/territory.events';

/** A group label: 1..60 characters. */
export const GROUP_MAX = 60;
/** Most groups of one member. */
export const GROUPS_MAX = 20;
/** A member's name, as a member list gives it. */
export const MEMBER_NAME_MAX = 200;
/** Most rows of one import. */
export const IMPORT_ROWS_MAX = 20_000;

export type MembershipStatus = 'invited' | 'applied' | 'info_requested' | 'admitted' | 'refused' | 'declined' | 'withdrawn' | 'exited';

/** The status a reader shows: an admitted membership past its `validUntil` has lapsed. */
export type MembershipStatusAt = MembershipStatus | 'lapsed';

/** The states from which a firm may apply or be invited again: the last request or membership is over. */
export const CLOSED_STATUSES: readonly MembershipStatus[] = ['refused', 'declined', 'withdrawn', 'exited'];

/** A firm's place in a territory's roster, keyed by its SIREN (it may not be on the platform yet). */
export interface Membership {
  siren: string;
  status: MembershipStatus;
  /** The firm's company on the platform, once known. */
  companyId?: string;
  /** As an imported member list names the firm. */
  name?: string;
  /** Personal data: from an imported member list only. */
  contactEmail?: string;
  groups: string[];
  /** How the current (or last) request or membership came about. */
  origin: MembershipOrigin;
  /** Instant of the last change of status. */
  since: string;
  admittedAt?: string;
  /** `YYYY-MM-DD`, the last day of the membership; none when open-ended. */
  validUntil?: string;
  /** The question asked while `info_requested`. */
  question?: string;
  /** Why the last request was refused or declined, or the membership ended. */
  reason?: string;
  /** Who ended the membership, when `exited`. */
  endedBy?: ExitInitiator;
  /** Memberships (admissions) so far. */
  admissions: number;
}

/**
 * The status at `now` (an ISO instant): `lapsed` when admitted and the last valid day is before
 * today (UTC), otherwise the stored status.
 */
export function membershipStatusAt(membership: Pick<Membership, 'status' | 'validUntil'>, now: string): MembershipStatusAt {
  if (membership.status === 'admitted' && membership.validUntil !== undefined && membership.validUntil < dateOf(now)) return 'lapsed';
  return membership.status;
}

/** " Sous-traitance " -> "Sous-traitance": NFC, trimmed, inner whitespace collapsed; case kept. */
export const normaliseGroup = (label: string): string => label.normalize('NFC').trim().replace(/\s+/g, ' ');

/** Group labels chosen by the coordinators: 1..60 characters each, deduplicated and sorted, at most 20. */
export function groups(value: unknown, field = 'groups'): string[] {
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of strings');
  const out = new Set<string>();
  value.forEach((raw, i) => {
    if (typeof raw !== 'string') throw invalid(`${field}[${i}]`, 'must be a string');
    const label = normaliseGroup(raw);
    if (label.length === 0) throw invalid(`${field}[${i}]`, 'must not be empty');
    if ([...label].length > GROUP_MAX) throw invalid(`${field}[${i}]`, `must be at most ${GROUP_MAX} characters`);
    out.add(label);
  });
  if (out.size > GROUPS_MAX) throw invalid(field, `must hold at most ${GROUPS_MAX} groups`);
  return [...out].sort();
}

export const sameGroups = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((g, i) => g === b[i]);
