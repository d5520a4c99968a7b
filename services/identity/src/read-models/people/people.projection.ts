import { PlatformRole } from '@opn/kernel';
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
}

export const PEOPLE = 'people';

/** People's profiles, roles and consents. Never holds credentials. */
export const peopleProjection: DocumentProjection<PersonDocument> = {
  name: 'identity.people',
  collection: PEOPLE,
  handles: ['PersonRegistered', 'PersonProfileUpdated', 'ConsentGiven', 'ConsentWithdrawn', 'PlatformRoleGranted', 'PlatformRoleRevoked'],
  documentId: (e) => (e.data as { personId: string }).personId,
  apply: (doc, e) => {
    const event = e as unknown as PersonEvent;
    if (event.type === 'PersonRegistered') {
      const { personId, email, displayName, locale, registeredAt } = event.data;
      return { personId, email, displayName, locale, platformRoles: [], consents: {}, registeredAt, updatedAt: registeredAt };
    }
    if (!doc) return null;
    switch (event.type) {
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
