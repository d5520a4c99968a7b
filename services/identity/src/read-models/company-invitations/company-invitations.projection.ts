import { DocumentProjection } from '@opn/projections';
import type { CompanyEvent, CompanyRole } from '../../domain';

export interface InvitationDocument {
  invitationId: string;
  companyId: string;
  email: string;
  role: CompanyRole;
  status: 'pending' | 'accepted' | 'revoked';
  expiresAt: string;
  invitedBy: string;
  invitedAt: string;
  acceptedBy?: string;
  closedAt?: string;
}

export const COMPANY_INVITATIONS = 'company_invitations';

/**
 * Invitations for company admins to follow. The token hash stays in the log only; the email is
 * stored sealed (under the invitation's own subject) and opened by the query.
 */
export const companyInvitationsProjection: DocumentProjection<InvitationDocument> = {
  name: 'identity.company-invitations',
  collection: COMPANY_INVITATIONS,
  handles: ['PersonInvited', 'InvitationRevoked', 'InvitationAccepted'],
  documentId: (e) => (e.data as { invitationId: string }).invitationId,
  apply: (doc, e) => {
    const event = e as unknown as CompanyEvent;
    switch (event.type) {
      case 'PersonInvited': {
        const { invitationId, companyId, email, role, expiresAt, invitedBy, invitedAt } = event.data;
        return { invitationId, companyId, email, role, status: 'pending', expiresAt, invitedBy, invitedAt };
      }
      case 'InvitationRevoked':
        return doc && { ...doc, status: 'revoked', closedAt: event.data.revokedAt };
      case 'InvitationAccepted':
        return doc && { ...doc, status: 'accepted', acceptedBy: event.data.personId, closedAt: event.data.acceptedAt };
      default:
        return doc;
    }
  },
  indexes: [{ fields: { companyId: 1, invitedAt: -1 } }, { fields: { acceptedBy: 1 } }],
};
