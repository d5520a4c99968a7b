import { ERASED, PlatformRole } from '@opn/kernel';
import { DocumentProjection } from '@opn/projections';
import type { ConsentPurpose, Locale, PersonEvent } from '../../domain';

export interface PersonDocument {
  personId: string;
  email: string;
  displayName: string;
  headline?: string;
  phone?: string;
  locale: Locale;
  platformRoles: PlatformRole[];
  consents: Partial<Record<ConsentPurpose, { granted: boolean; policyVersion?: string; at: string }>>;
  registeredAt: string;
  updatedAt: string;
  /** Set once the person is erased: every personal field is then the ERASED placeholder. */
  erasedAt?: string;
}

export const PEOPLE = 'people';

/**
 * People's profiles, roles and consents. Never holds credentials. Fed by the raw (sealed) log:
 * email, names, headline and phone are stored sealed and opened by the query, so destroying a
 * person's key erases them here too. An erased person's document keeps only the id and dates.
 */
export const peopleProjection: DocumentProjection<PersonDocument> = {
  name: 'identity.people',
  collection: PEOPLE,
  handles: ['PersonRegistered', 'PersonErased', 'PersonProfileUpdated', 'ConsentGiven', 'ConsentWithdrawn', 'PlatformRoleGranted', 'PlatformRoleRevoked'],
  documentId: (e) => (e.data as { personId: string }).personId,
  apply: (doc, e) => {
    const event = e as unknown as PersonEvent;
    if (event.type === 'PersonRegistered') {
      const { personId, email, displayName, locale, registeredAt } = event.data;
      return { personId, email, displayName, locale, platformRoles: [], consents: {}, registeredAt, updatedAt: registeredAt };
    }
    if (!doc) return null;
    switch (event.type) {
      case 'PersonErased':
        return {
          personId: doc.personId,
          email: ERASED,
          displayName: ERASED,
          locale: doc.locale,
          platformRoles: [],
          consents: {},
          registeredAt: doc.registeredAt,
          updatedAt: event.data.erasedAt,
          erasedAt: event.data.erasedAt,
        };
      case 'PersonProfileUpdated': {
        const next: PersonDocument = { ...doc, updatedAt: event.data.updatedAt };
        for (const [field, value] of Object.entries(event.data.changes)) {
          if (value === null) delete (next as unknown as Record<string, unknown>)[field];
          else (next as unknown as Record<string, unknown>)[field] = value;
        }
        return next;
      }
      case 'ConsentGiven':
        return {
          ...doc,
          consents: { ...doc.consents, [event.data.purpose]: { granted: true, policyVersion: event.data.policyVersion, at: event.data.givenAt } },
          updatedAt: event.data.givenAt,
        };
      case 'ConsentWithdrawn':
        return {
          ...doc,
          consents: { ...doc.consents, [event.data.purpose]: { ...doc.consents[event.data.purpose], granted: false, at: event.data.withdrawnAt } },
          updatedAt: event.data.withdrawnAt,
        };
      case 'PlatformRoleGranted':
        return { ...doc, platformRoles: [...new Set([...doc.platformRoles, event.data.role])], updatedAt: event.data.grantedAt };
      case 'PlatformRoleRevoked':
        return { ...doc, platformRoles: doc.platformRoles.filter((r) => r !== event.data.role), updatedAt: event.data.revokedAt };
      default:
        return doc;
    }
  },
  indexes: [{ fields: { email: 1 } }],
};
