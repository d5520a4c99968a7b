import { Inject, Injectable } from '@nestjs/common';
import { Actor, ForbiddenError, NotFoundError, PersonalDataCipher } from '@opn/kernel';
import { MONGO, Page, PageQuery, findPage, pageOf } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import type { CompanyRole } from '../../domain';
import { PEOPLE, PersonDocument } from '../people/people.projection';
import { COMPANY_MEMBERS, CompanyMemberDocument } from './company-members.projection';

/** A member; an erased person stays listed (the membership is the company's record) as `erased: true`, with no name. */
export interface MemberView extends CompanyMemberDocument {
  displayName?: string;
  headline?: string;
  erased?: true;
}

@Injectable()
export class CompanyMembersQuery {
  constructor(
    @Inject(MONGO) private readonly connection: Connection,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private get members() {
    return this.connection.collection<CompanyMemberDocument>(COMPANY_MEMBERS);
  }

  async roleOf(companyId: string, personId: string): Promise<CompanyRole | undefined> {
    const doc = await this.members.findOne({ _id: `${companyId}:${personId}` } as never);
    return doc?.role;
  }

  /**
   * Tenancy: a company's inside (members, invitations) exists only for its members and platform
   * admins; anyone else gets the same 404 as for a company that does not exist.
   */
  async assertCanSee(companyId: string, actor: Actor, needs: 'member' | 'company_admin' = 'member'): Promise<void> {
    if (actor.platformRoles.includes('platform_admin')) return;
    const role = await this.roleOf(companyId, actor.personId);
    if (!role) throw new NotFoundError('company not found');
    if (needs === 'company_admin' && role !== 'company_admin') throw new ForbiddenError('only a company admin can do this');
  }

  async list(companyId: string, page: PageQuery): Promise<Page<MemberView>> {
    const { items: members, total } = await findPage<CompanyMemberDocument>(this.members, { companyId }, { joinedAt: 1, personId: 1 }, page);
    // Two queries instead of $lookup, which FerretDB does not support.
    const people = await this.connection
      .collection<PersonDocument>(PEOPLE)
      .find({ _id: { $in: members.map((m) => m.personId) } } as never, { projection: { displayName: 1, headline: 1, erasedAt: 1 } })
      .toArray();
    const opened = await this.cipher.openAll(people.map((p) => ({ id: String(p._id), displayName: p.displayName, headline: p.headline, erasedAt: p.erasedAt })));
    const byId = new Map(opened.map((p) => [p.id, p]));
    const items: MemberView[] = members.map((m) => {
      const person = byId.get(m.personId);
      if (person?.erasedAt) return { ...m, erased: true };
      return { ...m, displayName: person?.displayName, headline: person?.headline };
    });
    return pageOf(items, total, page);
  }

  async companiesOf(personId: string, page: PageQuery): Promise<Page<CompanyMemberDocument>> {
    return findPage<CompanyMemberDocument>(this.members, { personId }, { joinedAt: 1, companyId: 1 }, page);
  }

  /** Whether two people share at least one company. */
  async shareACompany(a: string, b: string): Promise<boolean> {
    const mine = await this.members.find({ personId: a }, { projection: { companyId: 1 } }).toArray();
    if (mine.length === 0) return false;
    return (await this.members.countDocuments({ personId: b, companyId: { $in: mine.map((m) => m.companyId) } }, { limit: 1 })) > 0;
  }
}
