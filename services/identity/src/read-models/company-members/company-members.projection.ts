import { DocumentProjection } from '@opn/projections';
import type { CompanyEvent, CompanyRole } from '../../domain';

export interface CompanyMemberDocument {
  companyId: string;
  personId: string;
  role: CompanyRole;
  joinedAt: string;
}

export const COMPANY_MEMBERS = 'company_members';

const memberKey = (companyId: string, personId: string) => `${companyId}:${personId}`;

/** Who belongs to which company, with which role: one document per membership. */
export const companyMembersProjection: DocumentProjection<CompanyMemberDocument> = {
  name: 'identity.company-members',
  collection: COMPANY_MEMBERS,
  handles: ['MemberJoined', 'MemberRoleChanged', 'MemberRemoved'],
  documentId: (e) => {
    const data = e.data as { companyId: string; personId: string };
    return memberKey(data.companyId, data.personId);
  },
  apply: (doc, e) => {
    const event = e as unknown as CompanyEvent;
    switch (event.type) {
      case 'MemberJoined':
        return { companyId: event.data.companyId, personId: event.data.personId, role: event.data.role, joinedAt: event.data.joinedAt };
      case 'MemberRoleChanged':
        return doc && { ...doc, role: event.data.to };
      case 'MemberRemoved':
        return null;
      default:
        return doc;
    }
  },
  indexes: [{ fields: { companyId: 1, joinedAt: 1 } }, { fields: { personId: 1 } }],
};
