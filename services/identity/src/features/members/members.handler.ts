import { Injectable } from '@nestjs/common';
import { ActorContext, Commands, PageQuery } from '@opn/service-kit';
import { CompanyRole, companies } from '../../domain';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';

@Injectable()
export class MembersHandler {
  constructor(
    private readonly commands: Commands,
    private readonly members: CompanyMembersQuery,
  ) {}

  async list(companyId: string, page: PageQuery, ctx: ActorContext) {
    await this.members.assertCanSee(companyId, ctx.actor);
    return this.members.list(companyId, page);
  }

  async changeRole(companyId: string, personId: string, role: CompanyRole, ctx: ActorContext) {
    await this.commands.handle(companies, companyId, { type: 'ChangeMemberRole', data: { actor: ctx.actor, personId, role, now: ctx.now } }, ctx, { ifMatch: true });
    return { companyId, personId, role };
  }

  async remove(companyId: string, personId: string, ctx: ActorContext): Promise<void> {
    await this.commands.handle(companies, companyId, { type: 'RemoveMember', data: { actor: ctx.actor, personId, now: ctx.now } }, ctx, { ifMatch: true });
  }
}
