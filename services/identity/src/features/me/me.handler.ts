import { Injectable } from '@nestjs/common';
import { UnauthorizedError } from '@opn/kernel';
import { ActorContext, Commands, PageQuery } from '@opn/service-kit';
import { ConsentPurpose, PersonProfileChanges, people } from '../../domain';
import { PasswordHasher } from '../../infrastructure/passwords';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';
import { PeopleQuery } from '../../read-models/people/people.query';
import { ChangePasswordDto, SetConsentDto, UpdateProfileDto } from './me.dto';

@Injectable()
export class MeHandler {
  constructor(
    private readonly commands: Commands,
    private readonly people: PeopleQuery,
    private readonly members: CompanyMembersQuery,
    private readonly passwords: PasswordHasher,
  ) {}

  me(ctx: ActorContext) {
    return this.people.get(ctx.actor.personId);
  }

  async update(dto: UpdateProfileDto, ctx: ActorContext) {
    const { personId } = ctx.actor;
    const changes = dto as PersonProfileChanges;
    await this.commands.handle(people, personId, { type: 'UpdatePersonProfile', data: { actor: ctx.actor, personId, changes, now: ctx.now } }, ctx, { ifMatch: true });
    return this.people.get(personId);
  }

  async changePassword(dto: ChangePasswordDto, ctx: ActorContext): Promise<void> {
    const person = await this.commands.load(people, ctx.actor.personId);
    const hash = person.state.status === 'registered' ? person.state.passwordHash : undefined;
    if (!(await this.passwords.verify(hash, dto.currentPassword))) throw new UnauthorizedError('current password is wrong');
    const newPasswordHash = await this.passwords.hash(dto.newPassword);
    await this.commands.handle(people, ctx.actor.personId, { type: 'ChangePassword', data: { actor: ctx.actor, newPasswordHash, now: ctx.now } }, ctx);
  }

  async consents(ctx: ActorContext) {
    return (await this.people.get(ctx.actor.personId)).consents;
  }

  async setConsent(purpose: ConsentPurpose, dto: SetConsentDto, ctx: ActorContext) {
    const { actor, now } = ctx;
    const command = dto.granted
      ? { type: 'GiveConsent' as const, data: { actor, purpose, policyVersion: dto.policyVersion!, now } }
      : { type: 'WithdrawConsent' as const, data: { actor, purpose, now } };
    await this.commands.handle(people, actor.personId, command, ctx);
    return this.consents(ctx);
  }

  companies(page: PageQuery, ctx: ActorContext) {
    return this.members.companiesOf(ctx.actor.personId, page);
  }
}
