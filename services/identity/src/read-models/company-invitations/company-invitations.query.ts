import { Inject, Injectable } from '@nestjs/common';
import { PersonalDataCipher } from '@opn/kernel';
import { MONGO, Page, PageQuery, pageOf } from '@opn/service-kit';
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
      .find({ acceptedBy: personId }, { projection: { _id: 0, _position: 0, _eventId: 0 } })
      .toArray();
    return this.cipher.openAll(docs as InvitationDocument[]);
  }

  async list(companyId: string, page: PageQuery, status?: InvitationDocument['status']): Promise<Page<InvitationDocument>> {
    const query: Record<string, unknown> = { companyId, ...(status ? { status } : {}) };
    const collection = this.connection.collection<InvitationDocument>(COMPANY_INVITATIONS);
    const [items, total] = await Promise.all([
      collection
        .find(query, { projection: { _id: 0, _position: 0, _eventId: 0 } })
        .sort({ invitedAt: -1, invitationId: 1 })
        .skip((page.page - 1) * page.limit)
        .limit(page.limit)
        .toArray(),
      collection.countDocuments(query),
    ]);
    return pageOf(await this.cipher.openAll(items as InvitationDocument[]), total, page);
  }
}
