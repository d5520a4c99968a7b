import { Inject, Injectable } from '@nestjs/common';
import { PersonalDataCipher } from '@opn/kernel';
import { MONGO, Page, PageQuery, PROJECTOR_FIELDS, findPage } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { COMPANY_INVITATIONS, InvitationDocument } from './company-invitations.projection';

@Injectable()
export class CompanyInvitationsQuery {
  constructor(
    @Inject(MONGO) private readonly connection: Connection,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Invitations a person accepted, emails opened (for their data export and their erasure). */
  async acceptedBy(personId: string): Promise<InvitationDocument[]> {
    const docs = await this.connection
      .collection<InvitationDocument>(COMPANY_INVITATIONS)
      .find({ acceptedBy: personId }, { projection: PROJECTOR_FIELDS })
      .toArray();
    return this.cipher.openAll(docs as InvitationDocument[]);
  }

  async list(companyId: string, page: PageQuery, status?: InvitationDocument['status']): Promise<Page<InvitationDocument>> {
    const query: Record<string, unknown> = { companyId, ...(status ? { status } : {}) };
    const found = await findPage<InvitationDocument>(this.connection.collection(COMPANY_INVITATIONS), query, { invitedAt: -1, invitationId: 1 }, page);
    return { ...found, items: await this.cipher.openAll(found.items) };
  }
}
