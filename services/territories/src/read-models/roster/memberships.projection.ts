import { Injectable } from '@nestjs/common';
import { DocumentProjection, KeyedMemoryReadModel } from '@opn/projections';
import type { Membership, MembershipStatus, RosterEvent } from '../../domain';
import type { Period } from '../network/network-snapshot';

/**
 * A firm's place in a territory's roster as coordinators and the firm see it, with the periods it
 * was a member: the network on a past date counts the firms that were members then.
 * `contactEmail` stays sealed here (personal data, ADR 0009); queries open it.
 */
export type MembershipView = Omit<Membership, 'endedBy' | 'admissions'> & {
  territoryId: string;
  /** `[from, to)`: admitted to exited, or to the end of the last valid day. */
  periods: Period[];
  createdAt: string;
  updatedAt: string;
};

export const membershipId = (territoryId: string, siren: string): string => `${territoryId}:${siren}`;

/** The first instant after a last valid day (`YYYY-MM-DD`): when a membership not renewed lapses. */
export const lapsesAt = (validUntil: string): string => new Date(Date.parse(`${validUntil}T00:00:00.000Z`) + 86_400_000).toISOString();

/** Every roster event (the rest of a territory's stream is its definition). */
export const ROSTER_EVENTS: readonly RosterEvent['type'][] = [
  'MembershipApplied',
  'ApplicationWithdrawn',
  'MemberInvited',
  'InvitationDeclined',
  'InformationRequested',
  'InformationProvided',
  'MembershipAdmitted',
  'MembershipRefused',
  'MembershipRenewed',
  'MembershipEnded',
  'MemberGroupsChanged',
  'MemberImported',
  'MemberDetailsUpdated',
];

/** Opens a membership period at `at`, ending when `validUntil` lapses (open-ended without one). */
const admit = (periods: readonly Period[], at: string, validUntil?: string): Period[] => [
  ...periods.map((p) => (p.to === null || p.to > at ? { ...p, to: at } : p)),
  { from: at, to: validUntil ? lapsesAt(validUntil) : null },
];

/** Closes the period that contains `at`. */
const close = (periods: readonly Period[], at: string): Period[] => periods.map((p) => (p.from <= at && (p.to === null || p.to > at) ? { ...p, to: at } : p));

/** Pure fold of a territory's roster events, one document per (territory, SIREN). */
export const membershipsProjection: DocumentProjection<MembershipView> = {
  name: 'territories.memberships',
  collection: 'memberships',
  handles: ROSTER_EVENTS,
  documentId: (e) => {
    const d = e.data as { territoryId: string; siren: string };
    return membershipId(d.territoryId, d.siren);
  },
  apply: (doc, recorded) => {
    const e = recorded as unknown as RosterEvent;
    const d = e.data;
    const base: MembershipView = doc ?? { territoryId: d.territoryId, siren: d.siren, status: 'applied', groups: [], origin: 'application', since: d.at, periods: [], createdAt: d.at, updatedAt: d.at };
    const status = (next: MembershipStatus, extra: Partial<MembershipView> = {}): MembershipView => {
      const { question: _q, reason: _r, ...rest } = base;
      return { ...rest, status: next, since: d.at, updatedAt: d.at, ...extra };
    };
    switch (e.type) {
      case 'MembershipApplied':
        return status('applied', { companyId: e.data.companyId, origin: 'application' });
      case 'ApplicationWithdrawn':
        return status('withdrawn');
      case 'MemberInvited':
        return status('invited', { origin: 'invitation', ...(e.data.companyId ? { companyId: e.data.companyId } : {}) });
      case 'InvitationDeclined':
        return status('declined', e.data.reason ? { reason: e.data.reason } : {});
      case 'InformationRequested':
        return status('info_requested', { question: e.data.question });
      case 'InformationProvided':
        return status('applied');
      case 'MembershipAdmitted': {
        const { validUntil: _v, ...rest } = status('admitted', {
          origin: e.data.origin,
          admittedAt: d.at,
          groups: e.data.groups,
          periods: admit(base.periods, d.at, e.data.validUntil),
          ...(e.data.companyId ? { companyId: e.data.companyId } : {}),
        });
        return { ...rest, ...(e.data.validUntil ? { validUntil: e.data.validUntil } : {}) };
      }
      case 'MemberImported': {
        const { validUntil: _v, ...rest } = status('admitted', {
          origin: 'import',
          admittedAt: d.at,
          name: e.data.name,
          groups: e.data.groups,
          periods: admit(base.periods, d.at),
        });
        return { ...rest, ...(e.data.contactEmail !== undefined ? { contactEmail: e.data.contactEmail } : {}) };
      }
      case 'MembershipRefused':
        return status('refused', { reason: e.data.reason });
      case 'MembershipRenewed': {
        const last = base.periods[base.periods.length - 1];
        const end = lapsesAt(e.data.validUntil);
        // Renewed before it lapsed: the same period goes on; after: a new one starts now.
        const periods = last && (last.to === null || last.to > d.at) ? [...base.periods.slice(0, -1), { ...last, to: end }] : [...base.periods, { from: d.at, to: end }];
        return { ...base, validUntil: e.data.validUntil, periods, updatedAt: d.at };
      }
      case 'MembershipEnded':
        return status('exited', { reason: e.data.reason, periods: close(base.periods, d.at) });
      case 'MemberGroupsChanged':
        return { ...base, groups: e.data.groups, updatedAt: d.at };
      case 'MemberDetailsUpdated': {
        const c = e.data.changes;
        return { ...base, ...(c.name !== undefined ? { name: c.name } : {}), ...(c.contactEmail !== undefined ? { contactEmail: c.contactEmail } : {}), ...(c.groups !== undefined ? { groups: c.groups } : {}), updatedAt: d.at };
      }
    }
  },
};

/** Territory key and firm key of the roster index. */
export const territoryKey = (territoryId: string) => `t:${territoryId}`;
export const sirenKey = (siren: string) => `s:${siren}`;

/**
 * The rosters in memory: a territory's members (lists, dashboard) and a firm's own applications
 * and memberships, by SIREN (an imported member list names firms by SIREN before they join).
 */
@Injectable()
export class MembershipIndex extends KeyedMemoryReadModel<MembershipView> {
  readonly projection = membershipsProjection;
  /** Changes with every membership change: caches of derived figures key on it. */
  version = 0;

  protected override changed(id: string, before: MembershipView | undefined, after: MembershipView | null): void {
    super.changed(id, before, after);
    this.version++;
  }

  protected keysOf(view: MembershipView): readonly string[] {
    return [territoryKey(view.territoryId), sirenKey(view.siren)];
  }

  roster(territoryId: string): MembershipView[] {
    return this.entriesFor(territoryKey(territoryId)).map(([, v]) => v);
  }

  ofFirm(siren: string): MembershipView[] {
    return this.entriesFor(sirenKey(siren)).map(([, v]) => v);
  }
}
