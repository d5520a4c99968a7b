import { DocumentProjection, ProjectedEvent } from '@opn/projections';
import { streamEntityId } from '@opn/kernel';
import type { CompanyEvent, CompanyProfile } from '../../domain';

/** The public company directory: what any signed-in user can see of a company. */
export interface CompanyDirectoryDocument extends Omit<CompanyProfile, 'siret' | 'coordinates'> {
  companyId: string;
  siret?: string;
  coordinates?: { lat: number; lon: number };
  memberCount: number;
  registeredAt: string;
  updatedAt: string;
  /** Revision of the company stream: the ETag clients send back in If-Match. */
  revision: number;
  /**
   * The city as the directory filters it (trimmed, lower case), top-level and indexed so that the
   * filter is an indexed equality rather than a case-insensitive regex over a nested field, which no
   * index answers. Internal: never returned (DIRECTORY_FIELDS).
   */
  _cityKey?: string;
}

/** The directory's filter key of a city: `?city=` matches it case-insensitively and exactly. */
export function cityKey(city: string): string {
  return city.trim().toLowerCase();
}

function withCityKey(doc: CompanyDirectoryDocument): CompanyDirectoryDocument {
  const { _cityKey: _, ...rest } = doc;
  return rest.address?.city ? { ...rest, _cityKey: cityKey(rest.address.city) } : rest;
}

export const COMPANY_DIRECTORY = 'companies';

export const companyDirectoryProjection: DocumentProjection<CompanyDirectoryDocument> = {
  name: 'identity.company-directory',
  collection: COMPANY_DIRECTORY,
  handles: ['CompanyRegistered', 'CompanyProfileUpdated', 'MemberJoined', 'MemberRemoved', 'PersonInvited', 'InvitationRevoked', 'InvitationAccepted', 'MemberRoleChanged'],
  documentId: (e) => streamEntityId(e.subject),
  apply: (doc, e: ProjectedEvent) => {
    const event = e as unknown as CompanyEvent;
    const revision = e.revision ?? (doc ? doc.revision + 1 : 0);
    switch (event.type) {
      case 'CompanyRegistered': {
        const { companyId, registeredBy: _by, registeredAt, ...profile } = event.data;
        return withCityKey({ ...profile, companyId, memberCount: 0, registeredAt, updatedAt: registeredAt, revision });
      }
      case 'CompanyProfileUpdated': {
        if (!doc) return null;
        const next: CompanyDirectoryDocument = { ...doc, updatedAt: event.data.updatedAt, revision };
        for (const [field, value] of Object.entries(event.data.changes)) {
          if (value === null) delete (next as unknown as Record<string, unknown>)[field];
          else (next as unknown as Record<string, unknown>)[field] = value;
        }
        return withCityKey(next);
      }
      case 'MemberJoined':
        return doc && { ...doc, memberCount: doc.memberCount + 1, revision };
      case 'MemberRemoved':
        return doc && { ...doc, memberCount: Math.max(0, doc.memberCount - 1), revision };
      default:
        // Other company events only move the revision, so If-Match stays exact.
        return doc && { ...doc, revision };
    }
  },
  indexes: [
    { fields: { legalName: 1 } },
    { fields: { nafCode: 1 } },
    { fields: { capabilities: 1 } },
    { fields: { offers: 1 } },
    { fields: { _cityKey: 1 } },
    { fields: { sizeBand: 1 } },
  ],
};
