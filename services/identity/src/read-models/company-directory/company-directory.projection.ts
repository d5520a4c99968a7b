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
        return { ...profile, companyId, memberCount: 0, registeredAt, updatedAt: registeredAt, revision };
      }
      case 'CompanyProfileUpdated': {
        if (!doc) return null;
        const next: CompanyDirectoryDocument = { ...doc, updatedAt: event.data.updatedAt, revision };
        for (const [field, value] of Object.entries(event.data.changes)) {
          if (value === null) delete (next as unknown as Record<string, unknown>)[field];
          else (next as unknown as Record<string, unknown>)[field] = value;
        }
        return next;
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
  // No index but `_id`: the directory's filters and order are answered by CompanySearch in memory,
  // and pages are read here by `_id`.
};
